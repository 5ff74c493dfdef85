// `npm run load -- [--stores 50] [--minutes 2] [--interval-ms 3000]`: Deliver 11 of issue 10.
// One central in its own process (central-child.ts); N simulated stores, one till each (node
// PouchDB in memory, real SyncManager, device-signed sales), each selling about every
// `interval-ms` (jittered) for a bounded time. Reports errors, sync latency (sale written at the
// till → in central's `_changes`) p50/p99, and central's memory: heap and RSS sampled, with the
// least-squares slope over the second half of the run. Exits non-zero on any error or lost sale.
import { fork } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createClock, createNodePouch, deviceSigner, generateDeviceKey, recordSale, SyncManager, type Clock, type Db } from '../../store-client/index.js';
import { mulberry32 } from '../../central/demo/prng.js';

const { values } = parseArgs({ options: { stores: { type: 'string', default: '50' }, minutes: { type: 'string', default: '2' }, 'interval-ms': { type: 'string', default: '3000' }, seed: { type: 'string', default: '11' } } });
const STORES = Number(values.stores);
const DURATION_MS = Number(values.minutes) * 60_000;
const INTERVAL_MS = Number(values['interval-ms']);
const random = mulberry32(Number(values.seed));
const PouchDB = createNodePouch();
const basic = (n: string, p: string) => ({ Authorization: 'Basic ' + Buffer.from(`${n}:${p}`).toString('base64'), 'Content-Type': 'application/json' });

interface Ready { url: string; couchUrl: string; couchAuth: { username: string; password: string }; couchPid?: number; accounts: Array<{ store: string; manager: { name: string; password: string }; device: { name: string; password: string } }> }
interface Sample { at: number; heapUsed: number; rss: number; couchRss: number }

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pronto-load-'));
const child = fork(fileURLToPath(new URL('./central-child.ts', import.meta.url)), [], {
  execArgv: ['--import', 'tsx'], env: { ...process.env, DATA_DIR: dataDir, LOAD_STORES: String(STORES) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const samples: Sample[] = [];
let couchPid: number | undefined;
const ready = new Promise<Ready>((resolve) => child.on('message', (m: { type: string } & Record<string, unknown>) => {
  if (m.type === 'ready') { couchPid = m.couchPid as number | undefined; resolve(m as unknown as Ready); }
  if (m.type === 'memory') void couchRss().then((couch) => samples.push({ at: m.at as number, heapUsed: m.heapUsed as number, rss: m.rss as number, couchRss: couch }));
}));
const errors: string[] = [];
process.on('unhandledRejection', (e) => errors.push(`unhandled rejection: ${String(e)}`));

console.log(`load: starting central and ${STORES} stores…`);
const setupStart = Date.now();
const r = await ready;
const products = (await (await fetch(`${r.url}/db/catalog/_all_docs?startkey=%22product%3A%22&endkey=%22product%3B%22&include_docs=true&limit=60`, { headers: basic(r.couchAuth.username, r.couchAuth.password) })).json() as { rows: Array<{ doc: { sku: string; price: number } }> }).rows.map((x) => x.doc);

interface Till { store: string; device: string; local: { store: Db; catalog: Db }; clock: Clock; manager: SyncManager; signer: ReturnType<typeof deviceSigner> }
const tills: Till[] = [];
for (const a of r.accounts) {
  const key = await generateDeviceKey();
  const device = `${a.store}.pos1`;
  const res = await fetch(`${r.url}/api/devices`, { method: 'POST', headers: basic(a.manager.name, a.manager.password), body: JSON.stringify({ store: a.store, device, publicJwk: key.publicJwk }) });
  if (res.status !== 201) throw new Error(`enrolling ${device}: ${res.status} ${await res.text()}`);
  const local = { store: new PouchDB(`load-${a.store}`, { adapter: 'memory' }) as Db, catalog: new PouchDB(`load-cat-${a.store}`, { adapter: 'memory' }) as Db };
  const remote = (db: string) => new PouchDB(`${r.url}/db/${db}`, { auth: { username: a.device.name, password: a.device.password }, skip_setup: true } as never) as Db;
  const clock = await createClock(local.store, device);
  const manager = new SyncManager({ storeId: a.store, deviceId: device, local, clock, remote: { store: remote(`store-${a.store}`), catalog: remote('catalog') }, backoff: { baseMs: 200, maxMs: 5_000 } });
  manager.onStatus((s) => { if (s.state === 'error' || s.state === 'denied') errors.push(`${device}: ${s.state} ${s.error?.code ?? ''} ${s.error?.message ?? ''}`); });
  await manager.start();
  tills.push({ store: a.store, device, local, clock, manager, signer: deviceSigner(key) });
}
await until(() => tills.every((t) => t.manager.status.state === 'online'), 600_000, 'every till online');
console.log(`load: ${STORES} tills online after ${Math.round((Date.now() - setupStart) / 1000)} s (each pulled the whole catalog); selling for ${DURATION_MS / 1000} s`);

// What central has: one longpoll `_changes` reader per store database (admin, straight to CouchDB).
const written = new Map<string, number>();
const latencies: number[] = [];
const stopWatching = new AbortController();
for (const t of tills) void watch(t.store);

const sellStart = Date.now();
const sellEnd = sellStart + DURATION_MS;
await Promise.all(tills.map(async (t) => {
  for (let i = 0; i < 100_000 && Date.now() < sellEnd; i++) {
    await sleep(INTERVAL_MS * (0.5 + random()));
    if (Date.now() >= sellEnd) break;
    const p = products[Math.floor(random() * products.length)]!;
    try {
      const sale = await recordSale(t.local.store, t.clock, { store: t.store, device: t.device, cashier: `cashier-${t.store}`, signer: t.signer }, { lines: [{ sku: p.sku, qty: 1, unitPrice: p.price }], payments: [{ method: 'card', amount: p.price }] });
      written.set(sale._id, Date.now());
    } catch (err) {
      errors.push(`${t.device}: sale failed: ${String(err)}`);
    }
  }
}));
await until(() => latencies.length >= written.size, 120_000, 'every sale at central').catch((e: Error) => errors.push(e.message));
const sellMs = Date.now() - sellStart;
stopWatching.abort();
for (const t of tills) await t.manager.stop();
child.disconnect();
await new Promise((res) => child.once('exit', res));
await rm(dataDir, { recursive: true, force: true });

const second = samples.filter((s) => s.at >= sellStart + DURATION_MS / 2 && s.at <= sellEnd);
const mb = (b: number) => Math.round((b / 1048576) * 10) / 10;
const slope = (key: 'heapUsed' | 'rss' | 'couchRss') => mb(leastSquaresSlope(second.map((s) => [(s.at - sellStart) / 60_000, s[key]])));
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
const report = {
  stores: STORES, tills: tills.length, sellSeconds: Math.round(DURATION_MS / 1000), intervalMs: INTERVAL_MS,
  sales: written.size, atCentral: latencies.length, salesPerSecond: Math.round((written.size / (DURATION_MS / 1000)) * 10) / 10,
  latencyMs: { p50: pct(50), p99: pct(99), max: latencies.at(-1) ?? NaN },
  centralMemoryMB: { heapFirst: mb(samples[0]?.heapUsed ?? 0), heapLast: mb(samples.at(-1)?.heapUsed ?? 0), rssLast: mb(samples.at(-1)?.rss ?? 0), couchRssLast: mb(samples.at(-1)?.couchRss ?? 0) },
  slopeSecondHalfMBPerMin: { heap: slope('heapUsed'), rss: slope('rss'), couchRss: slope('couchRss'), samples: second.length },
  errors: errors.length, firstErrors: errors.slice(0, 10), elapsedSeconds: Math.round(sellMs / 1000),
};
console.log(JSON.stringify(report, null, 2));
process.exit(errors.length > 0 || latencies.length < written.size ? 1 : 0);

async function watch(store: string): Promise<void> {
  let since: string | number = 'now';
  const headers = basic(r.couchAuth.username, r.couchAuth.password);
  for (let i = 0; i < 1_000_000 && !stopWatching.signal.aborted; i++) {
    try {
      const res = await fetch(`${r.couchUrl}/store-${store}/_changes?feed=longpoll&since=${since}&timeout=10000`, { headers, signal: stopWatching.signal });
      const body = (await res.json()) as { results: Array<{ id: string }>; last_seq: string | number };
      const now = Date.now();
      for (const c of body.results) {
        const t0 = written.get(c.id);
        if (t0 !== undefined && t0 > 0) { latencies.push(now - t0); written.set(c.id, -1); }
      }
      since = body.last_seq;
    } catch (err) {
      if (!stopWatching.signal.aborted) { errors.push(`watching store-${store}: ${String(err)}`); await sleep(500); }
    }
  }
}

async function couchRss(): Promise<number> {
  if (couchPid === undefined) return 0;
  const status = await readFile(`/proc/${couchPid}/status`, 'utf8').catch(() => '');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

function leastSquaresSlope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 1_000_000 && Date.now() < deadline; i++) { if (cond()) return; await sleep(100); }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

function sleep(ms: number): Promise<void> { return new Promise((res) => setTimeout(res, ms)); }
