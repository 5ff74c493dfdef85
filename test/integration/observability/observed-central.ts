// A demo central (embedded server, free loopback ports) whose log lines the test keeps — every
// line central writes, at debug level — and which has a METRICS_TOKEN, for the observability tests.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { loadConfig } from '../../../central/config.js';
import { createLogger } from '../../../central/logger.js';
import { startCentral, type Central } from '../../../central/server.js';
import type { DemoAccount } from '../../helpers/demo-central.js';

export interface ObservedCentral {
  central: Central;
  metricsToken: string;
  /** Every log line so far, raw. */
  lines: string[];
  account(name: string): DemoAccount;
  stop(): Promise<void>;
}

export async function startObservedCentral(env: Record<string, string> = {}): Promise<ObservedCentral> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pronto-observed-'));
  const metricsToken = randomBytes(24).toString('base64url');
  const lines: string[] = [];
  let partial = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      const text = partial + chunk.toString('utf8');
      const parts = text.split('\n');
      partial = parts.pop()!;
      lines.push(...parts.filter((l) => l !== ''));
      done();
    },
  });
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', COUCH_PORT: '0', LOG_LEVEL: 'debug', METRICS_TOKEN: metricsToken, ...env });
  const central = await startCentral(config, createLogger('debug', sink));
  const accounts = JSON.parse(await readFile(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as DemoAccount[];
  return {
    central, metricsToken, lines,
    account: (name) => {
      const found = accounts.find((a) => a.name === name);
      if (found === undefined) throw new Error(`no demo account ${name}`);
      return found;
    },
    async stop() {
      await central.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** One sample of a Prometheus text exposition: the value of `name` with exactly these labels (0 when absent). */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`).sort().join(',');
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (m === null || m[1] !== name) continue;
    const have = (m[2] ?? '').split(/,(?=[a-zA-Z_]+=")/).filter((p) => p !== '').sort().join(',');
    if (have === want) return Number(m[3]);
  }
  return 0;
}
