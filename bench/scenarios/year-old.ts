// A year-old till: a new till's first start and sync, until it can sell (the SyncManager's
// one-shot phases done: status `online`, nothing pending, and stock answers), on a store with a
// year of history (~100,000 sales and returns; --quick 4,000) and on a store with one month of
// history at the same daily rate, and on a store exactly as old as the year-old till's window (the
// "as fast as a new one" comparison: same window, no past before it). Ours: the till as the POS builds it — a history window
// (store-client/history-window.ts: central's stock base at the month start at least
// settings:sync `historyDays` (default 60) back, plus the documents from then on), the first
// start's snapshots (store cut to the window, catalog), then replication. The snapshots are
// central's own code (central/snapshot: snapshotPages, writeSnapshot) run in this process over
// the target, without central's HTTP hop or its cache (cold, as after a restart). The base is
// published before the first round (central does it on a till's first ask, GET /api/stock-base,
// and keeps it current). Baselines: raw PouchDB `replicate.from` of the whole store database and
// the catalog, default options — alone, and followed by the same first stock query ours answers
// (the till's `pronto/stock` view, built over what it holds: the whole past for raw). Alternated, after one warm-up each, on the embedded server or
// `COUCHDB_URL` (bench/lib/target.ts).
//   npm run bench -- --only year-old [--quick]
import { PassThrough, Readable } from 'node:stream';
import type Nano from 'nano';
import { snapshotPages, writeSnapshot } from '../../central/snapshot/index.js';
import { ensureStockBase, publishStockBase } from '../../central/stock-bases/index.js';
import { createNodePouch, loadFirstStartSnapshots, stockOf, STORE_DB_OPTIONS, SyncManager, windowCutoff, type Db } from '../../store-client/index.js';
import type { SnapshotFetch } from '../../store-client/snapshot/index.js';
import { caughtUp, statusUntil } from '../lib/till-fixtures.js';
import { benchSku, storeYear } from '../lib/store-year.js';
import { sharedTarget, type BenchServer, type BenchStore } from '../lib/target.js';
import type { BenchContext, Result, Scenario } from '../lib/scenario.js';

const PouchDB = createNodePouch();
const DAY = 86_400_000;
const HISTORY_DAYS = 60;
const BATCH = 2_000;
let n = 0;

const memDb = (what: string, opts: object = {}): Db => new PouchDB(`bench-year-${what}-${process.pid}-${n++}`, { adapter: 'memory', ...opts }) as unknown as Db;
const remoteOf = (url: string, s: BenchStore): Db => new PouchDB(url, { auth: s.account, skip_setup: true } as never) as unknown as Db;

/** A store whose history spans `days` up to now, at `perDay` documents a day. */
async function seedStore(server: BenchServer, id: string, days: number, perDay: number, ctx: BenchContext): Promise<{ store: BenchStore; docs: number }> {
  const store = await server.createStore(id);
  const count = Math.round(days * perDay);
  // storeYear spreads `count` over 365 days from `from`: scaled so they span `days` ending today.
  const from = new Date(Date.now() - days * DAY).toISOString().slice(0, 10);
  const docs = storeYear({ store: store.id, count: Math.round(count * (365 / days)), from }).slice(0, count);
  const db = server.nano.use(`store-${store.id}`);
  for (let i = 0; i < docs.length; i += BATCH) {
    const res = await db.bulk({ docs: docs.slice(i, i + BATCH) as never[] });
    const bad = res.find((r) => 'error' in r && r.error);
    if (bad) throw new Error(`writing bench documents: ${JSON.stringify(bad)}`);
    if ((i / BATCH) % 10 === 0) ctx.progress(`${store.id}: ${Math.min(i + BATCH, docs.length).toLocaleString('en-US')} of ${docs.length.toLocaleString('en-US')} documents written`);
  }
  return { store, docs: docs.length };
}

/** Central's snapshot route, in this process: the same pages and lines, no HTTP, no cache. */
function snapshotsOf(nano: Nano.ServerScope): SnapshotFetch {
  return async (db, since, _signal, from) => {
    const out = new PassThrough();
    const total = (await nano.db.get(db)).doc_count;
    writeSnapshot(out, { db, since, total, ...(from ? { from } : {}) }, [], snapshotPages(nano, db, since, from))
      .then(() => out.end(), (err: unknown) => out.destroy(err as Error));
    return new Response(Readable.toWeb(out) as ReadableStream<Uint8Array>, { status: 200 });
  };
}

/** Ours: a fresh till as the POS starts it, until online with nothing pending and stock answering. */
async function oursStart(server: BenchServer, s: BenchStore): Promise<number> {
  // The store database as the POS opens it (open-till.ts); raw keeps PouchDB's defaults.
  const local = { store: memDb('store', STORE_DB_OPTIONS), catalog: memDb('catalog') };
  const remote = { store: remoteOf(s.storeDbUrl, s), catalog: remoteOf(s.catalogUrl, s) };
  const t0 = performance.now();
  const m = new SyncManager({
    storeId: s.id, deviceId: `${s.id}.pos7`, local, remote, backoff: { baseMs: 200, maxMs: 1000 },
    beforeSync: (hooks) => loadFirstStartSnapshots({
      storeId: s.id, local, remote, fetch: snapshotsOf(server.nano), onDelivered: hooks.delivered,
      // GET /api/stock-base's work: the base central has (published before the rounds), read once.
      stockBase: async (store, cutoff) => { await ensureStockBase({ nano: server.nano, clock: benchClock }, store, cutoff); return new Response('{}', { status: 200 }); },
    }),
  });
  try {
    await m.start();
    await statusUntil(m, caughtUp);
    await stockOf(local.store, s.id, benchSku(1));
    return performance.now() - t0;
  } finally {
    await m.stop();
    await Promise.all([local.store.destroy(), local.catalog.destroy()]);
  }
}

/**
 * Raw: default PouchDB replication of the whole store database, then the catalog; with
 * `canSell`, also the same first stock question ours answers (the `pronto/stock` view, which the
 * replication brought, built over every document): the same "can sell" bar for both.
 */
async function rawStart(s: BenchStore, canSell: boolean): Promise<number> {
  const local = { store: memDb('raw-store'), catalog: memDb('raw-catalog') };
  const t0 = performance.now();
  try {
    await local.store.replicate.from(remoteOf(s.storeDbUrl, s));
    await local.catalog.replicate.from(remoteOf(s.catalogUrl, s));
    if (canSell) await stockOf(local.store, s.id, benchSku(1));
    return performance.now() - t0;
  } finally {
    await Promise.all([local.store.destroy(), local.catalog.destroy()]);
  }
}

const benchClock = { next: () => `${new Date().toISOString()}-${(n++ % 65536).toString(16).padStart(4, '0')}-central` };

async function scenarioRun(ctx: BenchContext): Promise<Result[]> {
  const yearDocs = ctx.quick ? 4_000 : 100_000;
  const perDay = yearDocs / 365;
  const server = await sharedTarget();
  const cutoff = windowCutoff(Date.now(), HISTORY_DAYS);
  // A store exactly as old as the year-old till's window: the same documents in the window, no
  // past before it. "As fast as a new one" is this comparison: whatever grows with the store's
  // age (central reading the whole past for a cut snapshot, a till indexing it) shows here. The
  // one-month store is kept for the record; it differs from the year-old store's window by the
  // window's own size (at least HISTORY_DAYS back, to the month's start), not by age.
  const windowDays = Math.ceil((Date.now() - Date.parse(cutoff)) / DAY);
  const year = await seedStore(server, 'yo-year', 365, perDay, ctx);
  const window = await seedStore(server, 'yo-window', windowDays, perDay, ctx);
  const month = await seedStore(server, 'yo-month', 30, perDay, ctx);
  // Central publishes the bases on the first ask; done here so no round pays for it.
  for (const s of [year.store, window.store, month.store]) await publishStockBase({ nano: server.nano, clock: benchClock }, s.id, cutoff);
  // --quick leaves out raw replication alone (without the stock query): the headline compares
  // ours with raw replication + the stock query, as a till needs before it sells.
  const rawAlone = !ctx.quick;
  const sides = ([
    ['ours year', () => oursStart(server, year.store)], ['raw year', () => rawStart(year.store, false)], ['raw year + stock', () => rawStart(year.store, true)],
    ['ours window', () => oursStart(server, window.store)],
    ['ours month', () => oursStart(server, month.store)], ['raw month', () => rawStart(month.store, false)], ['raw month + stock', () => rawStart(month.store, true)],
  ] satisfies Array<[string, () => Promise<number>]>).filter(([side]) => rawAlone || !/^raw (year|month)$/.test(side));
  const samples: Record<string, number[]> = Object.fromEntries(sides.map(([k]) => [k, []]));
  for (let round = 0; round <= ctx.repeats; round++) {
    const order = round % 2 === 1 ? [...sides].reverse() : sides;
    for (const [side, fn] of order) {
      const ms = await fn();
      ctx.progress(`year-old: ${round === 0 ? 'warm-up' : `round ${round}/${ctx.repeats}`} ${side} ${ms.toFixed(0)} ms`);
      if (round > 0) samples[side]!.push(ms);
    }
  }
  const fmt = (k: number) => k.toLocaleString('en-US');
  const note = `history window ${HISTORY_DAYS} days (cutoff ${cutoff}), ${server.kind} server`;
  const raw = 'raw PouchDB replicate.from of the whole store db + catalog, default options';
  const rawSell = `${raw}, then the same first stock query (the pronto/stock view over every document)`;
  return [
    { scenario: `year-old store (${fmt(year.docs)} docs): new till first start → can sell`, unit: 'ms', better: 'lower', ours: samples['ours year']!, baseline: samples['raw year + stock']!, baselineName: rawSell, note },
    ...(rawAlone ? [{ scenario: `year-old store (${fmt(year.docs)} docs): ours vs raw replication alone`, unit: 'ms', better: 'lower' as const, ours: samples['ours year']!, baseline: samples['raw year']!, baselineName: raw, note }] : []),
    { scenario: `one-month store (${fmt(month.docs)} docs): new till first start → can sell`, unit: 'ms', better: 'lower', ours: samples['ours month']!, baseline: samples['raw month + stock']!, baselineName: rawSell, note },
    ...(rawAlone ? [{ scenario: `one-month store (${fmt(month.docs)} docs): ours vs raw replication alone`, unit: 'ms', better: 'lower' as const, ours: samples['ours month']!, baseline: samples['raw month']!, baselineName: raw, note }] : []),
    { scenario: `year-old store vs a store as old as its window (${windowDays} days, ${fmt(window.docs)} docs), ours (target ≈ 1)`, unit: 'ms', better: 'lower', ours: samples['ours year']!, baseline: samples['ours window']!, baselineName: 'ours on the store whose whole history is the window, same run', note },
    { scenario: 'year-old store vs one-month store, ours (the window holds more than a month)', unit: 'ms', better: 'lower', ours: samples['ours year']!, baseline: samples['ours month']!, baselineName: 'ours on the one-month store, same run', note },
  ];
}

export const yearOld: Scenario = { name: 'year-old', run: scenarioRun };
