// Central as a real child process (`tsx central/cli.ts start`, DATA_DIR / PORT / COUCH_PORT in its
// environment), so a scenario can SIGKILL it and start it again on the same data and ports. It
// answers with the parts of DemoCentral the chain rig and the invariants use: URL, an admin nano
// on its CouchDB, and the demo accounts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Nano from 'nano';
import type { DemoAccount, DemoCentral } from '../demo-central.js';
import { waitFor } from '../wait-for.js';
import { externalCouchUrl, testCentralEnv } from '../external-couch.js';

export interface ChildCentral {
  /** Stands in for DemoCentral (url, state.couch.nano, account) in the chain rig. */
  demo: DemoCentral;
  url: string;
  /** Its CouchDB, with admin credentials, and its audit key: what a second central on the same databases needs. */
  couchUrl(): Promise<string>;
  auditKey(): Promise<string>;
  /** Its shared secrets as environment variables (AUDIT_KEY, CUSTOMER_*, SESSION_SECRET), read from its DATA_DIR. */
  secretsEnv(): Promise<Record<string, string>>;
  dataDir: string;
  pid(): number | undefined;
  kill(signal?: NodeJS.Signals): Promise<void>;
  start(): Promise<void>;
}

/** `sharing`: start a second central on the first one's CouchDB (COUCHDB_URL) and secrets, with its own DATA_DIR
 *  (a central holding other secrets refuses to start: central/fingerprints). */
export async function startChildCentral(sharing?: ChildCentral): Promise<ChildCentral> {
  // The first central runs on COUCHDB_URL's server when the suite has one (wiped, demo seeded).
  const shared = sharing ? { COUCHDB_URL: await sharing.couchUrl(), ...(await sharing.secretsEnv()) } : await testCentralEnv();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pronto-central-child-'));
  const [port, couchPort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${port}`;
  let proc: ChildProcess | undefined;
  let accounts: DemoAccount[] = [];
  let nano: Nano.ServerScope | undefined;

  const start = async () => {
    proc = spawn(process.execPath, ['--import', 'tsx', 'central/cli.ts', 'start'], {
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), COUCH_PORT: String(couchPort), LOG_LEVEL: 'warn', ...shared }, stdio: ['ignore', 'ignore', 'inherit'],
    });
    // Until it listens, the connection is refused: that is the "not yet" of this wait.
    await waitFor(() => fetch(`${url}/api/health`).then((r) => r.ok, (err: Error) => err.name === 'TypeError' ? false : Promise.reject(err)), { timeoutMs: 120_000, intervalMs: 200, what: 'central (child process) healthy' });
    if (sharing) {
      accounts = (sharing.demo as unknown as { accounts(): DemoAccount[] }).accounts();
      nano = sharing.demo.central.state.couch.nano;
      return;
    }
    accounts = JSON.parse(await readFile(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as DemoAccount[];
    nano = Nano(await couchUrl());
  };
  const couchUrl = async () => externalCouchUrl() ?? `http://admin:${encodeURIComponent((await readFile(path.join(dataDir, 'admin-password'), 'utf8')).trim())}@127.0.0.1:${couchPort}`;
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    const p = proc;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill(signal);
    await exited;
    // Its database server leaves when its IPC channel closes: wait for the port to be free.
    if (!sharing) await waitFor(async () => !(await isListening(couchPort)), { timeoutMs: 30_000, what: "the killed central's database server to exit" });
  };
  await start();
  const demo = {
    get central() { return { url, state: { couch: { nano: nano!, embedded: undefined } } }; },
    config: {}, dataDir,
    accounts: () => accounts,
    account: (name: string) => accounts.find((a) => a.name === name) ?? (() => { throw new Error(`no demo account ${name}`); })(),
    async stop() {
      await kill('SIGTERM');
      await rm(dataDir, { recursive: true, force: true });
    },
  } as unknown as DemoCentral;
  const secret = async (file: string) => (await readFile(path.join(dataDir, file), 'utf8')).trim();
  return {
    demo, url, pid: () => proc?.pid, kill, start, couchUrl, dataDir,
    auditKey: () => secret('audit-key'),
    secretsEnv: async () => ({
      AUDIT_KEY: await secret('audit-key'), CUSTOMER_DATA_KEY: await secret('customer-data-key'),
      CUSTOMER_INDEX_KEY: await secret('customer-index-key'), SESSION_SECRET: await secret('session-secret'),
    }),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); });
  });
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1');
    c.once('connect', () => { c.destroy(); resolve(true); });
    c.once('error', () => resolve(false));
  });
}
