// A real central on free loopback ports (embedded server, or COUCHDB_URL's; demo chain) with its demo accounts,
// for the tests that need the whole of central: auth, signatures, the POS in Chromium.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type CentralConfig } from '../../central/config.js';
import { createLogger } from '../../central/logger.js';
import { startCentral, type Central } from '../../central/server.js';
import { testCentralEnv } from './external-couch.js';

export interface DemoAccount { name: string; password: string; roles: string[]; store: string | null }

export interface DemoCentral {
  central: Central;
  config: CentralConfig;
  dataDir: string;
  account(name: string): DemoAccount;
  stop(): Promise<void>;
}

export async function startDemoCentral(env: Record<string, string> = {}): Promise<DemoCentral> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pronto-central-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', COUCH_PORT: '0', LOG_LEVEL: 'silent', ...(await testCentralEnv()), ...env });
  const central = await startCentral(config, createLogger('silent'));
  const accounts = JSON.parse(await readFile(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as DemoAccount[];
  const handle: DemoCentral = {
    central, config, dataDir,
    account: (name) => accounts.find((a) => a.name === name) ?? assertNever(name),
    async stop() {
      await handle.central.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}

function assertNever(name: string): never {
  throw new Error(`no demo account ${name}`);
}

export const basic = (name: string, password: string) => ({ Authorization: 'Basic ' + Buffer.from(`${name}:${password}`).toString('base64') });
