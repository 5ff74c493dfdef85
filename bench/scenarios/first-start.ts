// First start of a till, Node level: empty memory databases to "can sell" (every one-shot phase
// of the SyncManager done, so the catalog is in and replication has caught up: status `online`),
// against a real central (embedded server, demo chain) whose catalog is grown to 20,000 SKUs
// (quick: 3,000), plus the demo store-s1 and customers. Ours: the SyncManager as the POS builds
// it, which loads central's snapshots first (store-client/first-start-snapshot.ts); also today's
// SyncManager without them ("before"). Baseline: raw PouchDB `replicate.from` with default
// options of the same three databases, one after another. Both log in as the store's cashier
// with CouchDB's AuthSession cookie, as the browser does. Then the same start interrupted
// half-way through the catalog and resumed, ours and raw; and the POS's first login in Chromium
// (bench/first-start/chromium.ts). Alternated, after one warm-up each;
// the warm-up of ours fills central's snapshot cache (central/snapshot/snapshot-cache.ts), as the
// first till to start after a restart does for the others, so the figures are the usual start.
//   npm run bench -- --only first-start [--quick]
// Measured 3 Dec 2026 (20,000 SKUs, repeats 2, 2 shared cores, ratio of medians): Node 0.23x raw
// (replication only, before: 0.60x), interrupted and resumed 0.19x, Chromium POS 0.69x.
// Cold (central's cache emptied before each start, as after a restart: dropSnapshotCaches):
// 0.38x raw (20,000 SKUs, repeats 3) once first-generation documents come with the
// `_changes` window instead of `_bulk_get` (central/snapshot/read-snapshot.ts); 0.65x before.
// Chromium POS after the settings:sync follower lost its doc_ids feed (3 Dec 2026, 20,000 SKUs,
// A/B in one run): 0.58x -> 0.34x and 0.87x -> 0.31x raw (BENCHMARKS.md).
// The catalog index handed the snapshot's pages instead of reading them back (A/B in one run,
// 3 repeats): 0.365x -> 0.261x raw (BENCHMARKS.md).
// Re-measured after the e2e race was fixed (load 15-17, one start each, builds in separate runs):
// hand-off off 0.34x / 0.44x, on 0.54x / 0.45x raw, within the raw baseline's own 35-52 s swing
// (BENCHMARKS.md).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../central/config.js';
import { createLogger } from '../../central/logger.js';
import { startCentral, type Central } from '../../central/server.js';
import { dropSnapshotCaches } from '../../central/http/snapshot-route.js';
import { createNodePouch, loadFirstStartSnapshots, snapshotFetch, SyncManager, type Db } from '../../store-client/index.js';
import type { BenchContext, Result, Scenario } from '../lib/scenario.js';
import { chromiumFirstStart } from '../first-start/chromium.js';

const PouchDB = createNodePouch();
const COLOURS = ['NEG', 'CAF', 'BLA', 'AZU'];
const SIZES = Array.from({ length: 17 }, (_, i) => String(22 + i / 2));
const START_TIMEOUT_MS = 300_000;
let n = 0;

interface Till { local: { store: Db; catalog: Db; customers: Db }; remote: { store: Db; catalog: Db; customers: Db } }

/** Products bringing the catalog to about `target` SKUs (the demo has ~2,000). */
async function growCatalog(central: Central, target: number): Promise<number> {
  const catalog = central.state.couch.nano.use('catalog');
  const existing = (await catalog.info()).doc_count;
  const stamp = `${new Date().toISOString()}-0000-central`;
  const docs: object[] = [];
  for (let m = 0; existing + docs.length < target; m++) {
    const model = `Modelo Banco ${String(m + 1).padStart(3, '0')}`;
    const price = (499 + ((m * 53) % 23) * 100) * 100;
    for (const colour of COLOURS) {
      for (const size of SIZES) {
        const sku = `BX-${String(m + 1).padStart(3, '0')}-${colour}-${size}`;
        docs.push({ _id: `product:${sku}`, type: 'product', sku, model, name: `${model} ${colour} ${size}`, colour, size, price, cost: Math.round(price * 0.45), active: true, updatedAt: stamp, updatedBy: 'central' });
      }
    }
  }
  for (let i = 0; i < docs.length; i += 2000) {
    const res = await catalog.bulk({ docs: docs.slice(i, i + 2000) });
    const bad = res.find((r) => 'error' in r && r.error);
    if (bad) throw new Error(`catalog write refused: ${JSON.stringify(bad)}`);
  }
  return existing + docs.length;
}

async function cookieOf(url: string, name: string, password: string): Promise<string> {
  const res = await fetch(`${url}/db/_session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, password }) });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`could not log in as ${name}: ${res.status}`);
  return cookie;
}

function newTill(url: string, cookie: string): Till {
  const withCookie = (u: string | Request, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Cookie', cookie);
    return fetch(u, { ...init, headers });
  };
  const remote = (db: string) => new PouchDB(`${url}/db/${db}`, { skip_setup: true, fetch: withCookie } as never) as unknown as Db;
  const tag = `${process.pid}-${n++}`;
  const local = (db: string) => new PouchDB(`bench-first-${db}-${tag}`, { adapter: 'memory' }) as unknown as Db;
  return { local: { store: local('store'), catalog: local('catalog'), customers: local('customers') }, remote: { store: remote('store-s1'), catalog: remote('catalog'), customers: remote('customers') } };
}

async function destroy(till: Till): Promise<void> {
  for (const db of Object.values(till.local)) await db.destroy();
}

/** The SyncManager from empty databases to `online`; ms. `snapshot`: with the first-start hook. */
async function syncManagerStart(till: Till, url: string, cookie: string, snapshot: boolean, signal?: AbortSignal): Promise<number> {
  const t0 = performance.now();
  const manager = new SyncManager({
    storeId: 's1', deviceId: 's1.bench', local: till.local, remote: till.remote, backoff: { baseMs: 50, maxMs: 200 },
    ...(snapshot ? { beforeSync: (hooks) => loadFirstStartSnapshots({ storeId: 's1', local: till.local, remote: till.remote, fetch: snapshotFetch(url, { headers: { Cookie: cookie } }), onDelivered: hooks.delivered, ...(signal ? { signal } : {}) }) } : {}),
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`first start not online after ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
      manager.onStatus((s) => {
        if (s.state === 'online') { clearTimeout(timer); resolve(); }
      });
      void manager.start();
    });
    return performance.now() - t0;
  } finally {
    await manager.stop();
  }
}

/** Raw PouchDB, default options: the three databases pulled one after another; ms. */
async function rawStart(till: Till): Promise<number> {
  const t0 = performance.now();
  for (const k of ['store', 'catalog', 'customers'] as const) await till.local[k].replicate.from(till.remote[k]);
  return performance.now() - t0;
}

/** Ours interrupted once the catalog load passed half (the till closed), then started again; ms in all. */
async function oursInterrupted(till: Till, url: string, cookie: string, half: number): Promise<number> {
  const stop = new AbortController();
  const t0 = performance.now();
  const first = loadFirstStartSnapshots({
    storeId: 's1', local: till.local, remote: till.remote, fetch: snapshotFetch(url, { headers: { Cookie: cookie } }), signal: stop.signal,
    onProgress: (p) => { if (p.pulled >= half) stop.abort(new Error('till closed')); },
  });
  const why = await first.then(() => undefined, (err: unknown) => err as Error);
  if (why?.message !== 'till closed') throw new Error(`the interrupted start was not interrupted: ${why?.message ?? 'it finished'}`);
  const firstMs = performance.now() - t0;
  return firstMs + (await syncManagerStart(till, url, cookie, true));
}

/** Raw replication cancelled once half the catalog is written, then run again to the end; ms in all. */
async function rawInterrupted(till: Till, half: number): Promise<number> {
  const t0 = performance.now();
  await till.local.store.replicate.from(till.remote.store);
  const rep = till.local.catalog.replicate.from(till.remote.catalog);
  rep.on('change', (info) => { if (info.docs_written >= half) rep.cancel(); });
  await rep;
  const firstMs = performance.now() - t0;
  return firstMs + (await rawStart(till));
}

/** `warmUp`: run each side once first, uncounted. */
async function alternate(ctx: BenchContext, label: string, ours: () => Promise<number>, raw: () => Promise<number>, warmUp = true): Promise<{ ours: number[]; baseline: number[] }> {
  const out = { ours: [] as number[], baseline: [] as number[] };
  for (let i = warmUp ? 0 : 1; i <= ctx.repeats; i++) {
    const o = await ours();
    const r = await raw();
    ctx.progress(`${label} ${i === 0 ? 'warm-up' : `${i}/${ctx.repeats}`}: ours ${(o / 1000).toFixed(2)} s, raw ${(r / 1000).toFixed(2)} s`);
    if (i > 0) { out.ours.push(o / 1000); out.baseline.push(r / 1000); }
  }
  return out;
}

async function run(ctx: BenchContext): Promise<Result[]> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pronto-first-start-'));
  let central: Central | undefined;
  try {
    central = await startCentral(loadConfig({ DATA_DIR: dataDir, PORT: '0', COUCH_PORT: '0', LOG_LEVEL: 'silent' }), createLogger('silent'));
    const url = central.url;
    const skus = await growCatalog(central, ctx.quick ? 3_000 : 20_000);
    const accounts = JSON.parse(await readFile(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as { name: string; password: string }[];
    const cashier = accounts.find((a) => a.name === 'cashier-s1');
    if (!cashier) throw new Error('the demo has no cashier-s1');
    ctx.progress(`first start: ${skus} documents in the catalog`);
    // A new login (untimed) for every start, as a till logs in: one cookie for the whole run
    // outlived the server's session timeout (10 minutes) on a loaded machine and was refused.
    const fresh = async (start: (till: Till, cookie: string) => Promise<number>) => {
      const cookie = await cookieOf(url, cashier.name, cashier.password);
      const till = newTill(url, cookie);
      try { return await start(till, cookie); } finally { await destroy(till); }
    };
    const raw = () => fresh(rawStart);
    const withSnapshot = await alternate(ctx, 'first start (snapshot)', () => fresh((t, cookie) => syncManagerStart(t, url, cookie, true)), raw);
    // --quick warms up once, above: the figures below run the same code of both sides against
    // the same server and catalog (a warm-up each cost 3–4 s of a quick run).
    const warmUp = !ctx.quick;
    // The first start after central restarted: every page read from the database, none cached.
    const cold = await alternate(ctx, 'first start (snapshot, cold cache)', () => { dropSnapshotCaches(); return fresh((t, cookie) => syncManagerStart(t, url, cookie, true)); }, raw, warmUp);
    // The start before the snapshot existed, for the record; --quick leaves it out.
    const before = ctx.quick ? undefined : await alternate(ctx, 'first start (replication only)', () => fresh((t, cookie) => syncManagerStart(t, url, cookie, false)), raw);
    const half = Math.floor(skus / 2);
    const interrupted = await alternate(ctx, 'first start interrupted and resumed', () => fresh((t, cookie) => oursInterrupted(t, url, cookie, half)), () => fresh((t) => rawInterrupted(t, half)), warmUp);
    const base = {
      unit: 's', better: 'lower' as const, baselineName: 'raw PouchDB replicate.from, default options, store + catalog + customers one after another',
      note: 'Node, memory adapters, cashier-s1 with an AuthSession cookie; snapshots from central\'s cache (filled by the warm-up)',
    };
    const manager = accounts.find((a) => a.name === 'manager-s1');
    if (!manager) throw new Error('the demo has no manager-s1');
    const chromium = await chromiumFirstStart(ctx, url, skus, cashier, manager);
    return [
      ...(chromium ? [chromium] : []),
      { scenario: `first start of a till, Node: ${skus}-SKU catalog + store + customers to online (snapshot)`, ...base, ...withSnapshot },
      { scenario: `first start of a till, Node: same, central's snapshot cache emptied before each start (cold)`, ...base, ...cold, note: 'Node, memory adapters, cashier-s1 with an AuthSession cookie; every snapshot page read from the database' },
      ...(before ? [{ scenario: `first start of a till, Node: same, SyncManager replication only (before the snapshot)`, ...base, ...before }] : []),
      { scenario: `first start of a till, Node: interrupted half-way through the catalog and resumed (snapshot)`, ...base, ...interrupted },
    ];
  } finally {
    await central?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export const firstStart: Scenario = { name: 'first-start', run };
