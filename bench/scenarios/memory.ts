// Memory: central's peak RSS with 50 live stores (5 with --quick). Ours: a real central in its
// own process (test/load/central-child.ts, demo off, the bench shoe catalog of 2,040 SKUs, 1,020 with --quick), whose
// embedded database runs in a child process of its own; 50 stores with one till each in this
// process (real SyncManager, node PouchDB in memory, device-signed sales) connecting, then live
// and selling a sale every ~2 s for 30 s (4 s with --quick), until every sale is at central.
// Baseline: the same number of raw PouchDB live `sync`s of a store database, plus a live
// `replicate.from` of the same catalog, with the same sales, against a plain embedded server
// alone (test/helpers/test-couch.ts, databases without design docs). VmRSS of each server
// process is read from /proc every 250 ms from the first till starting to the last sale
// arriving; the figure is the highest sample. Every repetition starts fresh processes, so a
// peak is never carried over. With COUCHDB_URL, central runs on that CouchDB with stores of the
// run's own (bench/lib/target.ts, removed after): only central's node process is then ours to
// measure (the CouchDB server's memory is shared with whatever else it serves), so the figures of
// the database process and the raw-server baseline are left out and the note says so.
// The POS tab's JS heap is measured by the pos scenario, in the page it already has online.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createClock, createNodePouch, deviceSigner, generateDeviceKey, recordSale, SyncManager, type Clock, type Db, type DocSigner,
} from '../../store-client/index.js';
import { startEmbeddedTestCouch, type TestCouch } from '../../test/helpers/test-couch.js';
import { benchCouchUrl, parseCouchUrl, startTarget, type BenchServer } from '../lib/target.js';
import { benchProducts, type BenchProduct } from '../lib/shoe-catalog.js';
import { median } from '../lib/stats.js';
import type { BenchContext, Result, Scenario } from '../lib/scenario.js';

const CENTRAL_CHILD = fileURLToPath(new URL('../../test/load/central-child.ts', import.meta.url));
const SAMPLE_MS = 250;
const SALE_EVERY_MS = 2_000;
/** 30 bench models × 4 colours × 17 sizes (--quick: 15 models). */
const catalogSkus = (quick: boolean) => (quick ? 1_020 : 2_040);
const size = (quick: boolean) => ({ stores: quick ? 5 : 50, sellMs: quick ? 4_000 : 30_000 });

const PouchDB = createNodePouch();
type Auth = { username: string; password: string };
const basic = (a: Auth) => ({ authorization: `Basic ${Buffer.from(`${a.username}:${a.password}`).toString('base64')}`, 'content-type': 'application/json' });
const sleep = (ms: number) => new Promise<void>((res) => setTimeout(res, ms));

/** VmRSS of a process, MB, from /proc/<pid>/status (Linux). */
async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!kb) throw new Error(`/proc/${pid}/status has no VmRSS line`);
  return Number(kb[1]) / 1024;
}

interface Peaks { byName: Record<string, number>; sum: number; samples: number }

/** Samples every named process's RSS together every SAMPLE_MS until stopped; the highest of each and of their sum. */
function sampleRss(pids: Record<string, number>): { stop(): Promise<Peaks>; abandon(say: (line: string) => void): Promise<void> } {
  const peaks: Peaks = { byName: Object.fromEntries(Object.keys(pids).map((k) => [k, 0])), sum: 0, samples: 0 };
  let stopped = false;
  let failure: Error | undefined;
  const loop = (async () => {
    // Bounded: at most an hour of samples.
    for (let i = 0; i < 3_600_000 / SAMPLE_MS && !stopped; i++) {
      const rss = await Promise.all(Object.entries(pids).map(async ([name, pid]) => [name, await rssMb(pid)] as const));
      for (const [name, mb] of rss) peaks.byName[name] = Math.max(peaks.byName[name]!, mb);
      peaks.sum = Math.max(peaks.sum, rss.reduce((s, [, mb]) => s + mb, 0));
      peaks.samples += 1;
      await sleep(SAMPLE_MS);
    }
  })().catch((err: Error) => { failure = new Error(`sampling server memory: ${err.message} (did a server process die?)`); });
  return {
    async stop() {
      stopped = true;
      await loop;
      if (failure) throw failure;
      if (peaks.samples === 0) throw new Error('no memory sample was taken');
      return peaks;
    },
    /** After a failure elsewhere: stops sampling; a sampling failure is reported as a line (the other failure is thrown). */
    async abandon(say) {
      stopped = true;
      await loop;
      if (failure) say(failure.message);
    },
  };
}

/** One store's till as the bench drives it: ready once its first catalog pull is done. */
interface LiveTill { store: string; device: string; db: Db; clock: Clock; signer: DocSigner; ready(): Promise<boolean>; stop(): Promise<void> }

/** Sells on every till every ~SALE_EVERY_MS (jittered) for `sellMs`; the ids written, per store. */
async function sell(tills: readonly LiveTill[], products: readonly BenchProduct[], sellMs: number): Promise<Map<string, string[]>> {
  const written = new Map<string, string[]>(tills.map((t) => [t.store, []]));
  const end = Date.now() + sellMs;
  let n = 0;
  await Promise.all(tills.map(async (t, k) => {
    for (let i = 0; i < 10_000 && Date.now() < end; i++) {
      await sleep(SALE_EVERY_MS * (0.5 + ((i * 7 + k * 13) % 10) / 10));
      if (Date.now() >= end) break;
      const p = products[(n++ * 131) % products.length]!;
      const price = p.price as number;
      const sale = await recordSale(t.db, t.clock, { store: t.store, device: t.device, cashier: `cashier-${t.store}`, signer: t.signer }, {
        lines: [{ sku: p.sku, qty: 1, unitPrice: price }], payments: [{ method: 'card', amount: price }],
      });
      written.get(t.store)!.push(sale._id);
    }
  }));
  return written;
}

/** Stops every till; one that fails to stop is reported as a line and the others still stop (then the servers). */
async function stopTills(tills: readonly LiveTill[], say: (line: string) => void): Promise<void> {
  for (const t of tills) {
    try {
      await t.stop();
    } catch (err) {
      say(`stopping ${t.device}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

async function until(cond: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 100_000; i++) {
    if (await cond()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(250);
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** Waits until every sale written is in its store's database on the server (admin reads). */
async function drained(serverUrl: string, auth: Auth, dbOf: (store: string) => string, written: Map<string, string[]>): Promise<number> {
  let missing = 0;
  await until(async () => {
    missing = 0;
    for (const [store, ids] of written) {
      const res = await fetch(`${serverUrl}/${dbOf(store)}/_all_docs`, { method: 'POST', headers: basic(auth), body: JSON.stringify({ keys: ids }), signal: AbortSignal.timeout(30_000) });
      if (!res.ok) throw new Error(`reading ${dbOf(store)}: ${res.status} ${await res.text()}`);
      const body = await res.json() as { rows: Array<{ error?: string; value?: { deleted?: boolean } }> };
      missing += body.rows.filter((r) => r.error !== undefined || r.value?.deleted).length;
    }
    return missing === 0;
  }, 120_000, 'every sale at the server').catch((err: Error) => { throw new Error(`${err.message}: ${missing} sale(s) missing`); });
  return [...written.values()].reduce((s, ids) => s + ids.length, 0);
}

async function writeDocs(serverUrl: string, auth: Auth, db: string, docs: readonly object[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 1_000) {
    const res = await fetch(`${serverUrl}/${db}/_bulk_docs`, { method: 'POST', headers: basic(auth), body: JSON.stringify({ docs: docs.slice(i, i + 1_000) }) });
    const body = await res.json() as Array<{ id: string; error?: string }> | { error: string };
    const bad = Array.isArray(body) ? body.find((r) => r.error) : body;
    if (!res.ok || bad) throw new Error(`writing the catalog into ${db}: ${res.status} ${JSON.stringify(bad)}`);
  }
}

interface Run { peaks: Peaks; sales: number; note: string }

interface Ready { url: string; couchUrl: string; couchAuth: Auth; couchPid?: number; accounts: Array<{ store: string; manager: { name: string; password: string }; device: { name: string; password: string } }> }

/** Forks central (test/load/central-child.ts) with `stores` stores of its own, on the embedded
 *  server or on `couchdbUrl`; resolves once it is ready. */
async function forkCentral(dataDir: string, stores: number, couchdbUrl: string | undefined): Promise<{ child: ChildProcess; ready: Ready }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOAD_STORES: String(stores), LOAD_SAMPLE_MS: '600000', DEMO: 'off' };
  if (couchdbUrl) env.COUCHDB_URL = couchdbUrl;
  else delete env.COUCHDB_URL;
  const child = fork(CENTRAL_CHILD, [], { execArgv: ['--import', 'tsx'], env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => { err = (err + d.toString('utf8')).slice(-2_000); });
  try {
    const ready = await new Promise<Ready>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`central did not start within 300 s: ${err}`)), 300_000);
      child.on('message', (m: { type: string }) => { if (m.type === 'ready') { clearTimeout(timer); resolve(m as unknown as Ready); } });
      child.once('exit', (code, signal) => { clearTimeout(timer); reject(new Error(`central exited (${code ?? signal}) before it was ready: ${err}`)); });
    });
    return { child, ready };
  } catch (failure) {
    // Its database process stops by itself when central's IPC channel closes (embedded-server.ts).
    if (alive(child.pid)) child.kill('SIGKILL');
    throw failure;
  }
}

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw err;
  }
}

/** Asks central to stop (IPC disconnect), then kills it and its database process if either is still up after 30 s. */
async function stopCentral(child: ChildProcess, couchPid: number | undefined): Promise<void> {
  const exited = new Promise<void>((res) => { if (child.exitCode !== null || child.signalCode !== null) res(); else child.once('exit', () => res()); });
  if (child.connected) child.disconnect();
  await Promise.race([exited, sleep(30_000)]);
  for (const pid of [child.pid, couchPid]) if (alive(pid)) process.kill(pid!, 'SIGKILL');
}

/** On CouchDB: `n` stores of this run (catalog entry, database, manager and device accounts), as central-child reports its own. */
async function couchStores(server: BenchServer, n: number): Promise<Ready['accounts']> {
  const out: Ready['accounts'] = [];
  for (let i = 1; i <= n; i++) {
    const store = await server.createStore(`m${i}`);
    const manager = await server.addAccount(store.id, 'manager');
    out.push({ store: store.id, manager: { name: manager.username, password: manager.password }, device: { name: store.account.username, password: store.account.password } });
  }
  return out;
}

async function ours(stores: number, sellMs: number, products: readonly BenchProduct[], progress: (l: string) => void): Promise<Run> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pronto-memory-bench-'));
  let central: Awaited<ReturnType<typeof forkCentral>> | undefined;
  const server = benchCouchUrl() ? await startTarget() : undefined;
  const tills: LiveTill[] = [];
  try {
    const own = server ? await couchStores(server, stores) : undefined;
    central = await forkCentral(dataDir, own ? 0 : stores, server?.couchdbUrl);
    const ready = { ...central.ready, accounts: own ?? central.ready.accounts };
    if (central.child.pid === undefined || (!server && ready.couchPid === undefined)) throw new Error('central did not report its processes');
    server?.forget('catalog', products.map((p) => p._id));
    await writeDocs(ready.couchUrl, ready.couchAuth, 'catalog', products);
    // On a shared CouchDB the tills pull its whole catalog, the bench shoes and what else is there.
    const shared = server ? `the tills pulled the server's catalog, ${(await server.nano.db.get('catalog')).doc_count} documents` : '';
    const errors: string[] = [];
    const sampler = sampleRss(ready.couchPid === undefined ? { central: central.child.pid } : { central: central.child.pid, database: ready.couchPid });
    let peaks: Peaks | undefined;
    try {
      for (const a of ready.accounts) {
        const key = await generateDeviceKey();
        const device = `${a.store}.pos1`;
        const res = await fetch(`${ready.url}/api/devices`, { method: 'POST', headers: basic({ username: a.manager.name, password: a.manager.password }), body: JSON.stringify({ store: a.store, device, publicJwk: key.publicJwk }) });
        if (res.status !== 201) throw new Error(`enrolling ${device}: ${res.status} ${await res.text()}`);
        const local = { store: new PouchDB(`memory-${device}-${Date.now()}`, { adapter: 'memory' }) as Db, catalog: new PouchDB(`memory-cat-${device}-${Date.now()}`, { adapter: 'memory' }) as Db };
        const remote = (db: string) => new PouchDB(`${ready.url}/db/${db}`, { auth: { username: a.device.name, password: a.device.password }, skip_setup: true } as never) as Db;
        const clock = await createClock(local.store, device);
        const manager = new SyncManager({ storeId: a.store, deviceId: device, local, clock, remote: { store: remote(`store-${a.store}`), catalog: remote('catalog') }, backoff: { baseMs: 200, maxMs: 5_000 } });
        manager.onStatus((s) => { if (s.state === 'error' || s.state === 'denied') errors.push(`${device}: ${s.state} ${s.error?.code ?? ''}`); });
        tills.push({
          store: a.store, device, db: local.store, clock, signer: deviceSigner(key),
          ready: async () => manager.status.state === 'online',
          async stop() {
            await manager.stop();
            await local.store.destroy();
            await local.catalog.destroy();
          },
        });
        await manager.start();
      }
      await until(async () => (await Promise.all(tills.map((t) => t.ready()))).every(Boolean), 600_000, 'every till online');
      progress(`ours: ${tills.length} tills online; selling for ${sellMs / 1000} s`);
      const written = await sell(tills, products, sellMs);
      const sales = await drained(ready.couchUrl, ready.couchAuth, (s) => `store-${s}`, written);
      peaks = await sampler.stop();
      const failed = errors.length > 0 ? `${errors.length} till status error(s), e.g. ${errors[0]}` : '';
      return { peaks, sales, note: [shared, failed].filter(Boolean).join('; ') };
    } finally {
      if (!peaks) await sampler.abandon(progress);
    }
  } finally {
    await stopTills(tills, progress);
    if (central) await stopCentral(central.child, central.ready.couchPid);
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function baseline(stores: number, sellMs: number, products: readonly BenchProduct[], progress: (l: string) => void): Promise<Run> {
  let couch: TestCouch | undefined;
  const tills: LiveTill[] = [];
  try {
    const embedded = await startEmbeddedTestCouch();
    couch = embedded;
    const pid = embedded.embedded.pid();
    if (pid === undefined) throw new Error('the embedded server did not report its process');
    const { url, adminAuth } = couch;
    await couch.nano.db.create('pronto-memory-catalog');
    await writeDocs(url, adminAuth, 'pronto-memory-catalog', products);
    for (let i = 1; i <= stores; i++) await couch.nano.db.create(`store-m${i}`);
    const sampler = sampleRss({ database: pid });
    let peaks: Peaks | undefined;
    try {
      for (let i = 1; i <= stores; i++) {
        const store = `m${i}`;
        const device = `${store}.pos1`;
        const key = await generateDeviceKey();
        const local = { store: new PouchDB(`memory-raw-${device}-${Date.now()}`, { adapter: 'memory' }) as Db, catalog: new PouchDB(`memory-raw-cat-${device}-${Date.now()}`, { adapter: 'memory' }) as Db };
        const remote = (db: string) => new PouchDB(`${url}/${db}`, { auth: adminAuth, skip_setup: true } as never) as Db;
        const sync = local.store.sync(remote(`store-${store}`), { live: true, retry: true });
        const pull = local.catalog.replicate.from(remote('pronto-memory-catalog'), { live: true, retry: true });
        const clock = await createClock(local.store, device);
        tills.push({
          store, device, db: local.store, clock, signer: deviceSigner(key),
          ready: async () => (await local.catalog.info()).doc_count >= products.length,
          async stop() {
            sync.cancel();
            pull.cancel();
            await local.store.destroy();
            await local.catalog.destroy();
          },
        });
      }
      await until(async () => (await Promise.all(tills.map((t) => t.ready()))).every(Boolean), 600_000, 'every raw sync caught up');
      progress(`baseline: ${tills.length} raw syncs live; selling for ${sellMs / 1000} s`);
      const written = await sell(tills, products, sellMs);
      const sales = await drained(url, adminAuth, (s) => `store-${s}`, written);
      peaks = await sampler.stop();
      return { peaks, sales, note: '' };
    } finally {
      if (!peaks) await sampler.abandon(progress);
    }
  } finally {
    await stopTills(tills, progress);
    await couch?.stop();
  }
}

async function centralMemory(ctx: BenchContext): Promise<Result[]> {
  const { stores, sellMs } = size(ctx.quick);
  const { docs: products } = benchProducts(0, catalogSkus(ctx.quick), `${new Date().toISOString()}-0000-central`, 'central');
  // --quick: one repetition, no warm-up (every repetition starts fresh processes anyway).
  const repeats = ctx.quick ? 1 : ctx.repeats;
  const samples = { sum: [] as number[], central: [] as number[], database: [] as number[], raw: [] as number[] };
  const notes = new Set<string>();
  const couch = benchCouchUrl();
  let sales = 0;
  for (let rep = ctx.quick ? 1 : 0; rep <= repeats; rep++) {
    const label = rep === 0 ? 'warm-up' : `${rep}/${repeats}`;
    const o = await ours(stores, sellMs, products, ctx.progress);
    if (couch) {
      ctx.progress(`${label}: central ${o.peaks.byName.central!.toFixed(0)} MB (CouchDB's memory not measured)`);
      if (rep > 0) samples.central.push(o.peaks.byName.central!);
      sales = o.sales;
      if (o.note) notes.add(o.note);
      continue;
    }
    const b = await baseline(stores, sellMs, products, ctx.progress);
    ctx.progress(`${label}: central ${o.peaks.byName.central!.toFixed(0)} + database ${o.peaks.byName.database!.toFixed(0)} MB (peak of the sum ${o.peaks.sum.toFixed(0)}) vs raw server ${b.peaks.sum.toFixed(0)} MB`);
    if (rep === 0) continue;
    samples.sum.push(o.peaks.sum);
    samples.central.push(o.peaks.byName.central!);
    samples.database.push(o.peaks.byName.database!);
    samples.raw.push(b.peaks.sum);
    sales = o.sales;
    if (o.note) notes.add(o.note);
  }
  const baselineName = `plain embedded server alone, ${stores} raw PouchDB live sync (store database) + live replicate.from (same ${products.length.toLocaleString('en-US')}-SKU catalog), same sales`;
  const how = `${stores} stores, a sale every ~${SALE_EVERY_MS / 1000} s each for ${sellMs / 1000} s (${sales} sales), VmRSS every ${SAMPLE_MS} ms from the first till to the last sale at the server`;
  const centralAlone = `central's node process alone, peak RSS, ${stores} live stores`;
  if (couch) {
    return [{
      scenario: centralAlone, unit: 'MB', better: 'lower', ours: samples.central, baseline: [],
      baselineName: 'none: on CouchDB only central\'s own process is ours to measure',
      note: [how, `central on CouchDB at ${parseCouchUrl(couch).url}; central + database and the raw-server baseline are left out: CouchDB's memory is a shared, long-lived server's, not ours`, ...notes].join('; '),
    }];
  }
  return [
    { scenario: `central + its database process, peak RSS, ${stores} live stores`, unit: 'MB', better: 'lower', ours: samples.sum, baseline: samples.raw, baselineName, note: [how, ...notes].join('; ') },
    { scenario: `central's database process alone, peak RSS, ${stores} live stores`, unit: 'MB', better: 'lower', ours: samples.database, baseline: samples.raw, baselineName, note: 'the embedded server process under central vs the same server without central' },
    { scenario: centralAlone, unit: 'MB', better: 'lower', ours: samples.central, baseline: [], baselineName: 'none (no central in the baseline)', note: `median ${median(samples.central).toFixed(0)} MB` },
  ];
}

export const memory: Scenario = { name: 'memory', run: centralMemory };
