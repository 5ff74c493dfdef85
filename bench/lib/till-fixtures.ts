// What the replication scenarios (reconnect, fleet, latency) share: the server they run against,
// a till's offline documents (sales of 1–4 lines of shoes, some returns), remotes built the way
// the POS builds them (watchdog fetch) beside plain ones for the raw baseline, and the loop that
// takes ours and the baseline alternately after one warm-up of each.
import {
  buildReturn, buildSale, createNodePouch, createNodeTillFetch, createWatchdogFetch, SyncManager, type Db, type SyncStatus,
} from '../../store-client/index.js';
import type { BenchContext } from './scenario.js';
import { sharedTarget, type BenchServer } from './target.js';

export const PouchDB = createNodePouch();

/** A store as the scenarios use it (bench/lib/target.ts's BenchStore). */
export interface Store {
  id: string;
  storeDbUrl: string;
  catalogUrl: string;
  account: { username: string; password: string };
}

/** The server the scenarios run against: embedded, or `COUCHDB_URL` (bench/lib/target.ts). */
export type Server = BenchServer;

/** The run's shared server (bench/lib/target.ts `sharedTarget`): a scenario never stops it. */
export const sharedServer = (): Promise<Server> => sharedTarget();

let n = 0;
export const memDb = (): Db => new PouchDB(`bench-${process.pid}-${n++}`, { adapter: 'memory' }) as unknown as Db;

/** A remote as the POS builds it (store-client/pos/services/open-till.ts): watchdog fetch (behind
 * the till's connection budget when one is given: tillManager's), no setup. */
export const tillRemote = (url: string, s: Store, fetch: typeof globalThis.fetch = createWatchdogFetch()): Db =>
  new PouchDB(url, { auth: s.account, skip_setup: true, fetch } as never) as unknown as Db;

/** A plain PouchDB remote for the raw baseline (`skip_setup`: the database exists, a device may not create one). */
export const rawRemote = (url: string, s: Store): Db => new PouchDB(url, { auth: s.account, skip_setup: true } as never) as unknown as Db;

/** Deterministic pseudo-random numbers (mulberry32), so every run uploads the same documents. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MODELS = ['RUN', 'TRAIL', 'CITY', 'KIDS', 'BOOT', 'SANDAL'];
const SIZES = ['22.5', '23', '24', '25', '25.5', '26', '27', '28'];

/**
 * `count` documents a till wrote offline: sales of 1–4 lines, and about one return in twenty
 * (of an earlier sale's first line), each with its own HLC stamp.
 */
export function offlineDocs(store: string, device: string, count: number, seed = 1): object[] {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const docs: object[] = [];
  const sales: ReturnType<typeof buildSale>[] = [];
  const t0 = Date.UTC(2026, 10, 24, 15);
  for (let i = 0; i < count; i++) {
    const stamp = `${new Date(t0 + i * 1000).toISOString()}-0000-${device}`;
    const ctx = { store, device, cashier: 'bench', businessDay: '2026-11-24', stamp };
    const prior = sales.length > 0 && rnd() < 0.05 ? pick(sales) : undefined;
    if (prior) {
      docs.push(buildReturn(prior, [], { lines: [{ line: 0, qty: 1 }], refundMethod: 'cash', reason: 'size', approvedBy: 'manager' }, ctx));
      sales.splice(sales.indexOf(prior), 1);
      continue;
    }
    const lines = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => ({
      sku: `${pick(MODELS)}-${String(1 + Math.floor(rnd() * 40)).padStart(2, '0')}-${pick(SIZES)}`,
      qty: 1 + Math.floor(rnd() * 2),
      unitPrice: 49_900 + Math.floor(rnd() * 20) * 10_000,
    }));
    const total = lines.reduce((s, l) => s + l.qty * l.unitPrice, 0);
    const sale = buildSale({ lines, payments: [{ method: rnd() < 0.5 ? 'cash' : 'card', amount: total }] }, ctx);
    sales.push(sale);
    docs.push(sale);
  }
  return docs;
}

/** A till's SyncManager over `local`, against the store's database and the catalog, as the POS has it. */
export function tillManager(s: Store, local: { store: Db; catalog: Db }): SyncManager {
  // One connection budget for the till's remotes (at most 4 connections), as Node tills have it.
  const { fetch } = createNodeTillFetch();
  return new SyncManager({
    storeId: s.id, deviceId: `${s.id}.pos1`, local, backoff: { baseMs: 200, maxMs: 1000 },
    remote: { store: tillRemote(s.storeDbUrl, s, fetch), catalog: tillRemote(s.catalogUrl, s, fetch) },
  });
}

/** Resolves once `done(status)` holds (checked on every status), rejects after `timeoutMs`. */
export function statusUntil(m: SyncManager, done: (s: SyncStatus) => boolean, timeoutMs = 600_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let off: () => unknown = () => undefined;
    const timer = setTimeout(() => {
      off();
      reject(new Error(`sync did not get there within ${timeoutMs} ms: ${JSON.stringify(m.status)}`));
    }, timeoutMs);
    const check = (s: SyncStatus) => {
      if (!done(s)) return;
      clearTimeout(timer);
      off();
      resolve();
    };
    off = m.onStatus(check);
    check(m.status);
  });
}

export const caughtUp = (s: SyncStatus): boolean => s.state === 'online' && s.pending === 0;

/**
 * A reconnecting till was online before it went offline: its store and catalog databases were
 * pulled then, and its replications have checkpoints. Brings `local` to that state (untimed) with
 * a first SyncManager run, so that a reconnect scenario times a reconnect and not a new till's
 * first pull of the catalog (2,057 products and 4,293 tombstones on a shared CouchDB: 2–3 s the
 * raw push never pays). Call it before the offline documents are written.
 */
export async function wasOnline(s: Store, local: { store: Db; catalog: Db }): Promise<void> {
  const m = tillManager(s, local);
  try {
    await m.start();
    await statusUntil(m, caughtUp);
  } finally {
    await m.stop();
  }
}

/** Wall time of `fn`, ms. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** How many documents a run of a side takes: all of them, or a quarter in a --quick warm-up
 *  (it warms the same code and connections; at full size it cost a quick run 2–4 s a scenario). */
export const warmUpSize = (ctx: Pick<BenchContext, 'quick'>, n: number) => (warmUp: boolean): number => (warmUp && ctx.quick ? Math.ceil(n / 4) : n);

/**
 * One warm-up of each side, then `ctx.repeats` rounds of ours and the baseline, alternately
 * (which one goes first alternates too). Each side returns its figure; `warmUp` says it is the uncounted first run.
 */
export async function alternate(ctx: BenchContext, label: string, ours: (warmUp: boolean) => Promise<number>, raw: (warmUp: boolean) => Promise<number>) {
  const out = { ours: [] as number[], baseline: [] as number[] };
  for (let round = 0; round <= ctx.repeats; round++) {
    const order: Array<['ours' | 'baseline', (warmUp: boolean) => Promise<number>]> = [['ours', ours], ['baseline', raw]];
    if (round % 2 === 1) order.reverse();
    for (const [side, fn] of order) {
      const v = await fn(round === 0);
      ctx.progress(`${label}: ${round === 0 ? 'warm-up' : `round ${round}/${ctx.repeats}`} ${side} ${v.toFixed(0)} ms`);
      if (round > 0) out[side].push(v);
    }
  }
  return out;
}

/** Throws unless every one of `ids` is at central, undeleted (checked after the clock stops). */
export async function assertAtCentral(s: Store, ids: string[]): Promise<void> {
  const res = await rawRemote(s.storeDbUrl, s).allDocs({ keys: ids });
  const missing = res.rows.filter((r) => !('value' in r) || (r.value as { deleted?: boolean }).deleted).length;
  if (missing > 0) throw new Error(`${missing} of ${ids.length} documents of ${s.id} are not at central`);
}
