// A till's history window: of its store's sales, moves and returns it keeps only those stamped
// on or after a cutoff (their own stamp, UTC: the one their id ends in, or a void's `updatedAt`,
// its id carrying its sale's — the stamp central's `stock-by-month` view sums by), plus every other document of the store and central's
// stock base at that cutoff (`stock-base:<store>:<cutoff>`, central/stock-bases), so a year-old
// store starts a new till as fast as a new store. Stock is then the base plus the stock view over
// the window (stock-of.ts). The cutoff is fixed once, at the first start of an empty till, and
// kept in `_local/history-window`: the pull's Mango selector, and with it PouchDB's replication
// id and checkpoint (pouchdb-generate-replication-id hashes the selector), never change after.
// A till that held its store's whole history before keeps it (a window doc with no cutoff): its
// local stock view counts every document, and a base would count the old ones twice.
import { isNotFound, type Db } from './pouch-types.js';

export const WINDOW_ID = '_local/history-window';
const MONEY = ['sale', 'move', 'return'];

export interface HistoryWindow {
  /** Month start `YYYY-MM-01`: money documents stamped earlier are summed in the base, not held. */
  cutoff: string;
  /** `stock-base:<store>:<cutoff>`. */
  baseId: string;
}

/** The month start (UTC) at least `historyDays` days before `now`. Pure. */
export function windowCutoff(now: number, historyDays: number): string {
  return new Date(now - historyDays * 86_400_000).toISOString().slice(0, 7) + '-01';
}

export const stockBaseId = (store: string, cutoff: string): string => `stock-base:${store}:${cutoff}`;

/**
 * The store pull's Mango selector for a window: every document that is no money document and no
 * stock base (`$not`, so tombstones and design docs, which have no `type`, match too:
 * pouchdb-selector-core and CouchDB alike), the money documents whose id stamp is from the cutoff
 * on (ids are `<type>:<store>:<stamp>`, the store's own, so `$gte` on the id is the stamp's
 * order), the voids stamped (`updatedAt`) from the cutoff on, and this window's base. Pure; the
 * same window always gives the same JSON.
 */
export function windowSelector(w: HistoryWindow): Record<string, unknown> {
  const store = storeOf(w);
  return {
    $or: [
      // Documents without a type (the design doc) spelled out: Apache CouchDB moves a $not inside
      // the field, and a condition on a missing field never matches there, so
      // {$not: {type: {$in}}} leaves them out, where PouchDB (and the embedded server) keeps them.
      { type: { $exists: false } },
      { $not: { type: { $in: [...MONEY, 'stock-base'] } } },
      { type: 'sale', _id: { $gte: `sale:${store}:${w.cutoff}` } },
      { type: 'move', _id: { $gte: `move:${store}:${w.cutoff}` } },
      { type: 'return', _id: { $gte: `return:${store}:${w.cutoff}`, $lt: `return:${store}:void:` } },
      { type: 'return', _id: { $gte: `return:${store}:void:` }, updatedAt: { $gte: w.cutoff } },
      { _id: w.baseId },
    ],
  };
}

/** The stamp a money document is dated by: its id's, or a void's `updatedAt`. Pure. */
export function ownStamp(doc: { _id?: unknown; updatedAt?: unknown }): string | undefined {
  const m = typeof doc._id === 'string' ? /^(?:sale|move|return):[^:]+:(void:)?(.*)$/.exec(doc._id) : null;
  const stamp = m && m[1] === undefined ? m[2] : doc.updatedAt;
  return typeof stamp === 'string' ? stamp : undefined;
}

/** Whether a document belongs in this window (the selector's rule, for snapshots and checks). Pure. */
export function inWindow(doc: { _id?: unknown; type?: unknown; updatedAt?: unknown }, w: HistoryWindow): boolean {
  if (doc._id === w.baseId) return true;
  if (typeof doc.type !== 'string' || (!MONEY.includes(doc.type) && doc.type !== 'stock-base')) return true;
  if (!MONEY.includes(doc.type)) return false;
  const stamp = ownStamp(doc);
  return stamp !== undefined && stamp >= w.cutoff;
}

const storeOf = (w: HistoryWindow): string => w.baseId.slice('stock-base:'.length, w.baseId.length - w.cutoff.length - 1);

interface WindowDoc { _id: string; _rev?: string; cutoff: string | null; store: string }

/** The till's window; undefined when it keeps its store's whole history (or has not decided yet). */
export async function readHistoryWindow(local: Db): Promise<HistoryWindow | undefined> {
  const doc = await readWindowDoc(local);
  if (!doc || doc.cutoff === null) return undefined;
  return { cutoff: doc.cutoff, baseId: stockBaseId(doc.store, doc.cutoff) };
}

export interface FixWindowOptions {
  local: Db;
  storeId: string;
  now: number;
  /** settings:sync `historyDays`; asked only while the window is not decided yet. */
  historyDays: () => Promise<number>;
  /** True when nothing of the store was ever replicated or loaded here (an empty till); asked
   *  only while the window is not decided yet: a decided till's connect reads nothing at central
   *  before its sales go up. */
  fresh: () => Promise<boolean>;
  /** Asks central for the base at `cutoff` (publishing it): true when it exists, false when this central has none. */
  ensureBase: (cutoff: string) => Promise<boolean>;
}

/** Decides the window once (later calls read the decision); a failure to reach central is thrown, to retry. */
export async function fixHistoryWindow(o: FixWindowOptions): Promise<HistoryWindow | undefined> {
  const saved = await readWindowDoc(o.local);
  if (saved) return saved.cutoff === null ? undefined : { cutoff: saved.cutoff, baseId: stockBaseId(saved.store, saved.cutoff) };
  const cutoff = (await o.fresh()) ? windowCutoff(o.now, await o.historyDays()) : null;
  const kept = cutoff !== null && (await o.ensureBase(cutoff)) ? cutoff : null;
  await o.local.put({ _id: WINDOW_ID, cutoff: kept, store: o.storeId } satisfies WindowDoc);
  return kept === null ? undefined : { cutoff: kept, baseId: stockBaseId(o.storeId, kept) };
}

async function readWindowDoc(local: Db): Promise<WindowDoc | undefined> {
  try {
    return (await local.get(WINDOW_ID)) as WindowDoc;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}
