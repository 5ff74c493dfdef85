// Writes (or rewrites) a store's stock base at a cutoff from central's `pronto/stock-by-month`
// view, and makes sure no document that reached the store meanwhile is left out: the feed job
// (refresh-stock-bases) only keeps bases that exist when it runs, so a late document it handled
// before the first write would be missed. Hence: read the view (which CouchDB brings up to date
// on read) with `update_seq=true`, write, and read the changes since the seq the view answered; a
// sale, move or return stamped before the cutoff among them means one more pass. Any change after
// the write is met by the feed job, which then sees this base. The seq is the view's own, not
// `GET /{db}`'s: on a cluster each read meets one copy of each shard, and a document on the copy
// behind one seq but not yet on the view's copy would be missed by both reads (`stable=true`
// keeps to the same copies as the window snapshot reads).
// A write that loses a race (409) reads and computes again: the sums only come from the view.
// https://docs.couchdb.org/en/stable/api/ddoc/views.html#api-ddoc-view
import type Nano from 'nano';
import type { StockBase } from '../../validators/index.js';
import { ProntoError } from '../../validators/errors.js';
import { couchError, isStatus } from '../couch/errors.js';
import { copiesOf } from '../couch/exclusive-writes.js';
import { moneyIdDay, stockBaseId, sumBefore, type MonthRow } from './sum-before.js';

export interface PublishDeps { nano: Nano.ServerScope; clock: { next(): string } }

const PASSES = 4;

/** Brings `stock-base:<store>:<cutoff>` up to date; returns it as written (or as it already was). */
export async function publishStockBase(deps: PublishDeps, store: string, cutoff: string): Promise<StockBase> {
  const db = deps.nano.use(`store-${store}`);
  let base: StockBase | undefined;
  for (let pass = 0; pass < PASSES; pass++) {
    const written = await writeBase(deps, db, store, cutoff);
    base = written.base;
    if (!(await changedBefore(db, written.seq, cutoff))) return base;
  }
  // Still moving after PASSES: every later change reaches the feed job, which sees this base now.
  return base!;
}

/**
 * The base at `cutoff` as central has it, published first if it has none: once a base exists the
 * feed job keeps it current (refresh-stock-bases), so a till's first ask costs one read, not a
 * view over the store's past.
 */
export async function ensureStockBase(deps: PublishDeps, store: string, cutoff: string): Promise<StockBase> {
  const current = await readBase(deps.nano.use(`store-${store}`), stockBaseId(store, cutoff));
  return current ?? publishStockBase(deps, store, cutoff);
}

type Seq = string | number;

/** Writes the base from one read of the view; `seq` is the one that read answered (the view covers every change up to it). */
async function writeBase(deps: PublishDeps, db: Nano.DocumentScope<unknown>, store: string, cutoff: string): Promise<{ base: StockBase; seq: Seq }> {
  const id = stockBaseId(store, cutoff);
  for (let attempt = 0; attempt < PASSES; attempt++) {
    const view = await call(() => db.view('pronto', 'stock-by-month', {
      group_level: 2, endkey: [cutoff.slice(0, 7)], inclusive_end: false, update_seq: true, stable: true,
    }), `reading the stock of store-${store} by month`) as Nano.DocumentViewResponse<unknown, unknown> & { update_seq?: Seq };
    // Both CouchDB and the embedded server answer it (test/integration/stock-bases/history-window.test.ts).
    const seq = view.update_seq;
    if (seq === undefined) throw new ProntoError('COUCH_ERROR', `reading the stock of store-${store} by month: the server gave no update_seq`, { id });
    const qty = sumBefore(view.rows as unknown as MonthRow[], cutoff);
    const current = await readBase(db, id);
    if (current && sameQty(current.qty as Record<string, number>, qty)) return { base: current, seq };
    const next = {
      _id: id, ...(current?._rev ? { _rev: current._rev } : {}),
      type: 'stock-base', store, cutoff, qty, updatedAt: deps.clock.next(), updatedBy: 'central',
    } as StockBase;
    try {
      // On every copy before a till is given it, so the feed job's list of bases (one copy of
      // each shard) cannot miss it and leave it stale.
      const res = await db.insert(next as never, { w: await copiesOf(deps.nano, `store-${store}`) } as never);
      return { base: { ...next, _rev: res.rev }, seq };
    } catch (err) {
      if (!isStatus(err, 409)) throw couchError(err, `writing ${id}`);
    }
  }
  throw new ProntoError('CONFLICT', `${id} kept changing under central while it was written; the next change writes it again`, { id });
}

async function readBase(db: Nano.DocumentScope<unknown>, id: string): Promise<StockBase | undefined> {
  try {
    return (await db.get(id)) as unknown as StockBase;
  } catch (err) {
    if (isStatus(err, 404)) return undefined;
    throw couchError(err, `reading ${id}`);
  }
}

/** Whether a sale, move or return stamped before `cutoff` changed after `since` (bounded read: more than a page counts as yes). */
async function changedBefore(db: Nano.DocumentScope<unknown>, since: Seq, cutoff: string): Promise<boolean> {
  const limit = 1000;
  const res = await call(() => db.changes({ since: String(since), limit }), 'reading the changes since the base was computed');
  if (res.results.length >= limit) return true;
  return res.results.some((r) => { const day = moneyIdDay(r.id); return day !== undefined && day < cutoff; });
}

function sameQty(a: Record<string, number>, b: Record<string, number>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

async function call<T>(fn: () => Promise<T>, doing: string): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw couchError(err, doing);
  }
}
