// The conflict queue's totals — the `_count` of one filter's key range of the audit database's
// pronto/conflict-queue view — remembered until a conflict record changes. CouchDB answers a
// range's _count from the reductions kept in its b-tree, but the embedded server (PouchDB's
// mapreduce) reads every row of the range to count it: 270–460 ms at 10,000 conflicts, on every
// page the console shows. A remembered total is checked first against the audit database's
// `_changes` since it was counted (one small request): audit entries leave it standing
// (queue-untouched.ts); anything else drops every remembered total, and the next ask counts again.
// Exact: a total is only ever served by a check that saw no change that could move it.
// Only on the embedded server (sequences are numbers): on Apache CouchDB a _count costs one
// request, as the check does, and on a cluster the view's copy that counts may lag the copies
// that gave the check's sequence (views and `_changes` each read one copy of every shard), so a
// total remembered there stayed short of a record written before it, for good; measured against
// a 3-node CouchDB 3.4.3 (docs/OPERATIONS.md).
// https://docs.couchdb.org/en/stable/ddocs/views/intro.html#reduce-rereduce
import type Nano from 'nano';
import { couchError } from '../couch/errors.js';
import { queueUntouched, type AuditChange } from './queue-untouched.js';

export interface QueueRange { startkey: unknown[]; endkey: unknown[] }

export interface QueueTotals {
  /** How many records the range holds, exactly as a `_count` of it would answer now. */
  count(range: QueueRange): Promise<number>;
}

export interface QueueTotalsOptions {
  /** Most totals remembered (one per filter asked for); the oldest goes first. Default 200. */
  maxTotals?: number;
  /** Most changes read per check; more than that since the last check and every total is counted again. Default 100. */
  changesLimit?: number;
}

/** Totals valid for the audit database as it is at `since` and after, up to its next change that moves one. */
interface Epoch { since: string | number; totals: Map<string, number> }

export function createQueueTotals(nano: Nano.ServerScope, options: QueueTotalsOptions = {}): QueueTotals {
  const maxTotals = options.maxTotals ?? 200;
  const changesLimit = options.changesLimit ?? 100;
  const audit = nano.use('audit');
  let epoch: Epoch | undefined;
  // Whether totals are remembered: known from the first update_seq read (a number: the embedded server).
  let remember: boolean | undefined;

  /**
   * The epoch valid now, or undefined when another request replaced it meanwhile (then count
   * without remembering). A new epoch starts at the database's sequence now, read before any
   * count made in it, so that each of its totals reflects at least that state.
   */
  async function check(): Promise<Epoch | undefined> {
    const seen = epoch;
    if (seen !== undefined) {
      const feed = await audit.changes({ since: String(seen.since), limit: changesLimit, include_docs: true, style: 'all_docs' });
      if (epoch !== seen) return undefined;
      const rows = feed.results as unknown as AuditChange[];
      if (rows.length < changesLimit && queueUntouched(rows)) return (epoch = { since: feed.last_seq, totals: seen.totals });
    }
    const since = (await audit.info()).update_seq as string | number;
    if (epoch !== seen) return undefined;
    return (epoch = { since, totals: new Map() });
  }

  async function countNow(range: QueueRange): Promise<number> {
    const res = await audit.view('pronto', 'conflict-queue', { ...range, descending: true, reduce: true });
    return (res.rows[0]?.value as number | undefined) ?? 0;
  }

  return {
    async count(range) {
      try {
        remember ??= typeof (await audit.info()).update_seq === 'number';
        if (!remember) return await countNow(range);
        const valid = await check();
        const key = JSON.stringify(range);
        const known = valid?.totals.get(key);
        if (known !== undefined) return known;
        const total = await countNow(range);
        if (valid !== undefined) {
          if (valid.totals.size >= maxTotals) valid.totals.delete(valid.totals.keys().next().value!);
          valid.totals.set(key, total);
        }
        return total;
      } catch (err) {
        throw couchError(err, 'counting the conflict queue');
      }
    },
  };
}
