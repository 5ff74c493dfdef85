// `npx tsx test/load/simulate-load.ts [simulate options]`: `simulate` (central/simulate) against a
// central of its own in another process (central-child.ts: the demo chain plus LOAD_STORES stores
// l1…lN with a manager and a device account each, default 20), whose memory it samples; prints
// simulate's summary with central's RSS and the embedded server's. Exit code: simulate's.
import { fork, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFigures } from './run-figures.js';

interface Ready { url: string; couchUrl: string; couchAuth: { username: string; password: string }; couchPid?: number; accounts: Array<{ store: string; manager: { name: string; password: string }; device: { name: string; password: string } }> }

const stores = process.env.LOAD_STORES ?? '20';
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pronto-simulate-load-'));
const child = fork(fileURLToPath(new URL('./central-child.ts', import.meta.url)), [], {
  execArgv: ['--import', 'tsx'], env: { ...process.env, DATA_DIR: dataDir, LOAD_STORES: stores }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const rss = { central: 0, couch: 0 };
let couchPid: number | undefined;
// Central dying (before it is ready, or during the run) is reported, not a hang or an IPC error.
const exited = new Promise<string>((resolve) => child.once('exit', (c, signal) => resolve(signal ?? `code ${c}`)));
const ready = new Promise<Ready>((resolve) => child.on('message', (m: { type: string; rss?: number } & Partial<Ready>) => {
  if (m.type === 'ready') { couchPid = m.couchPid; resolve(m as Ready); }
  if (m.type === 'memory') {
    rss.central = Math.max(rss.central, m.rss ?? 0);
    if (couchPid !== undefined) void readFile(`/proc/${couchPid}/status`, 'utf8').then((s) => { rss.couch = Math.max(rss.couch, Number(/VmRSS:\s+(\d+)/.exec(s)?.[1] ?? 0) * 1024); }, (err: Error) => console.warn(`embedded server memory not read: ${err.message}`));
  }
}));
const r = await Promise.race([ready, exited.then((how): never => { throw new Error(`central exited (${how}) before it was ready`); })]);
let stopping = false;
void exited.then((how) => { if (!stopping) console.warn(`load run: central exited (${how}) during the run`); });
const demo = JSON.parse(await readFile(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as unknown[];
const roles = (store: string, kind: string) => ['store', `store:${store}`, kind];
const extra = r.accounts.flatMap((a) => [{ ...a.manager, roles: roles(a.store, 'manager'), store: a.store }, { ...a.device, roles: roles(a.store, 'device'), store: a.store }]);
const accounts = path.join(dataDir, 'load-accounts.json');
await writeFile(accounts, JSON.stringify([...demo, ...extra]), { mode: 0o600 });
const args = ['--url', r.url, '--stores', stores, '--accounts', accounts, ...process.argv.slice(2).filter((a) => a !== '--')];
const sim = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../central/simulate/main.ts', import.meta.url)), ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
const figures = startFigures({
  centralPort: Number(new URL(r.url).port), couchUrl: r.couchUrl, couchAuth: r.couchAuth, stores: r.accounts.map((a) => a.store),
  pids: { central: child.pid, 'embedded server': r.couchPid, simulator: sim.pid },
});
// LOAD_DEADLINE_S (from this process's start): the simulator is stopped then (SIGTERM), and the figures read so far are still printed.
const deadlineS = Number(process.env.LOAD_DEADLINE_S ?? 0);
const deadline = deadlineS > 0 ? setTimeout(() => { console.log(`load run: deadline of ${deadlineS} s reached; stopping the simulator`); sim.kill('SIGTERM'); }, Math.max(0, deadlineS * 1000 - process.uptime() * 1000)) : undefined;
const code = await new Promise<number>((resolve) => sim.on('exit', (c) => resolve(c ?? 1)));
clearTimeout(deadline);
const mb = (b: number) => Math.round(b / 1048576);
console.log(await figures.stop());
console.log(`central RSS max ${mb(rss.central)} MB; embedded server RSS max ${mb(rss.couch)} MB`);
stopping = true;
if (child.connected) child.disconnect(); // central may have died first: disconnecting then throws ERR_IPC_DISCONNECTED
await exited;
await rm(dataDir, { recursive: true, force: true });
process.exit(code);
