// Reads one database's `_changes` from its checkpoint (check-since refuses one that cannot be
// ours) and hands each batch to `onChanges`: one turn of reading, asked for by the scheduler
// (read-schedule.ts) when the database changed, never a long-poll held open per database.
// Normal feed, style=all_docs so each change lists every leaf; a turn reads at most MAX_PAGES
// pages and says whether it caught up (if not, the database stays due and waits its turn again).
// Errors are thrown to the caller, which retries with back-off: the checkpoint unreadable, the
// design doc not there yet (setup creates a database a moment before it), CouchDB down. The
// checkpoint never passes work that is not done: a batch whose job fails goes into the pending set
// saved in the same write (pending-work.ts), retried with back-off across restarts and never
// dropped; when that set is full the checkpoint stays before the batch. The first turn follows
// from the checkpoint, which redoes every kind of work missed while central was down (conflicts,
// signature and rule checks — verify-store-docs marks nothing on a document that passes, only the
// feed position says it was checked —, duplicate customers, status relays); once caught up it
// sweeps the `pronto/conflicts` view for conflicts the feed will not bring again (one deferred to
// another central before a crash). https://docs.couchdb.org/en/stable/api/database/changes.html
//
// Why not nano's `changesReader` (nano 11): it moves its `since` to `last_seq` before the batch is
// handed over, so a failed batch cannot keep it back, and it ends for good on any 4xx.
import type Nano from 'nano';
import type { Logger } from 'pino';
import { loadCheckpoint, saveCheckpoint } from './checkpoint.js';
import { afterFailure, afterSuccess, isDue, NO_PENDING, samePending, type PendingChange, type PendingWork } from './pending-work.js';
import { abortableRequest, REQUEST_TIMEOUT_MS } from './abortable-request.js';
import type { Change } from './change.js';

export type { Change };

export interface ReaderOptions {
  nano: Nano.ServerScope;
  couchUrl: string;
  /** The headers each `_changes` read carries (session-auth.ts), and what to do when they are refused. */
  auth: { headers(): Record<string, string>; refused(): void };
  log: Logger;
  db: string;
  /** Handles a batch of changes; returns ids to look at again soon (not a failure). A thrown error
   * means the whole batch is to be done again later (pending-work.ts). `source` is `sweep` for a
   * page of the start-up conflicts sweep (documents already conflicted, not new arrivals). */
  onChanges(changes: PendingChange[], source: ChangeSource): Promise<string[]>;
  /** First retry delay of a failed batch (ms); it doubles up to five minutes. Default 500. */
  retryBaseMs?: number;
  /** A stored checkpoint was not trusted (see check-since); the reader starts from the beginning. */
  onCheckpointRefused(reason: string): Promise<void>;
}

/** Where a batch came from: the `_changes` feed (or the pending set), or the start-up conflicts sweep. */
export type ChangeSource = 'feed' | 'sweep';

export interface ReadResult {
  /** The feed had nothing after the last page read. */
  caughtUp: boolean;
  /** When the pending set is next due (ms since the epoch; Infinity: nothing pending). */
  dueAt: number;
}

export interface DatabaseReader {
  /** One turn: the pending set if due, then the database's changes since the checkpoint. Throws on any failure (the caller retries). */
  read(signal: AbortSignal): Promise<ReadResult>;
}

const BATCH = 500;
/** Pages per turn: a database with a backlog does not hold a reading slot for long. */
export const MAX_PAGES = 4;

export function createDatabaseReader(opts: ReaderOptions): DatabaseReader {
  const { nano, db, log } = opts;
  let since: string | undefined;
  let pending: PendingWork = NO_PENDING;
  /** The checkpoint as last saved (or loaded), with the `_rev` of this reader's last save. */
  let saved: { since: string; pending: PendingWork; rev?: string } | undefined;
  let swept = false;

  /** Runs a batch; the pending set afterwards (null: full, keep the checkpoint before the batch). */
  async function run(changes: PendingChange[], signal: AbortSignal, source: ChangeSource = 'feed'): Promise<PendingWork | null> {
    try {
      const again = new Set(await opts.onChanges(changes, source));
      return afterSuccess(pending, changes, again, Date.now());
    } catch (err) {
      if (signal.aborted) throw err;
      const next = afterFailure(pending, changes, (err as Error).message, Date.now(), opts.retryBaseMs);
      // Kept and retried for ever; past a few attempts it is an operator's business.
      log[(next?.attempts ?? 0) >= 5 ? 'error' : 'warn']({ db, count: changes.length, attempts: next?.attempts, err: (err as Error).message }, 'change feed: a batch failed; it is kept and retried');
      return next;
    }
  }

  async function save(at: string, next: PendingWork, signal: AbortSignal): Promise<void> {
    if (saved && saved.since === at && samePending(saved.pending, next)) return;
    const rev = await saveCheckpoint(nano, db, at, next, signal, saved?.rev);
    saved = { since: at, pending: next, rev };
  }

  /** The backlog of conflicts, a page at a time (bounded memory whatever the backlog). */
  async function sweepConflicts(signal: AbortSignal): Promise<void> {
    let startkey: string | undefined;
    for (let page = 0; page < 1_000_000 && !signal.aborted; page++) {
      // The first page brings the view up to date; the next ones read that same index as it
      // stands (stale=ok): this sweep's own writes only touch rows it has passed.
      const qs = { limit: BATCH, ...(startkey !== undefined ? { startkey, skip: 1, stale: 'ok' } : {}) };
      const res = (await abortableRequest(nano, { db, path: '_design/pronto/_view/conflicts', qs }, signal)) as { rows: Array<{ id: string; value: unknown }> };
      if (res.rows.length === 0) return;
      const next = await run(res.rows.map((row) => ({ id: row.id, changes: Array.isArray(row.value) ? row.value.map((rev) => ({ rev: String(rev) })) : [] })), signal, 'sweep');
      if (next === null) throw new Error(`${db}: too much pending work to sweep its conflicts`);
      pending = next;
      if (res.rows.length < BATCH) return;
      startkey = res.rows[res.rows.length - 1]!.id;
    }
  }

  async function start(signal: AbortSignal): Promise<string> {
    // Both reads at once (the design doc: nothing is done here until setup has put it in, a 404 is retried).
    const [checkpoint] = await Promise.all([loadCheckpoint(nano, db, signal), abortableRequest(nano, { db, path: '_design/pronto', method: 'HEAD' }, signal)]);
    pending = checkpoint.pending;
    if (!checkpoint.check.ok) await opts.onCheckpointRefused(checkpoint.check.reason);
    const from = checkpoint.check.ok ? checkpoint.check.since : '0';
    // The first save writes on the `_rev` just read (a 409, someone wrote since: it reads again).
    saved = { since: from, pending, ...(checkpoint.rev ? { rev: checkpoint.rev } : {}) };
    return from;
  }

  async function retryPending(at: string, signal: AbortSignal): Promise<void> {
    if (!isDue(pending, Date.now())) return;
    const next = await run(pending.changes, signal);
    // Full cannot happen here: a retry never adds documents.
    if (next !== null) pending = next;
    await save(at, pending, signal);
  }

  /** Reads one page; true when the feed had no more than that (caught up). */
  async function nextPage(at: string, signal: AbortSignal): Promise<boolean> {
    const url = `${opts.couchUrl}/${encodeURIComponent(db)}/_changes?style=all_docs&limit=${BATCH}&since=${encodeURIComponent(at)}`;
    const res = await fetch(url, { headers: opts.auth.headers(), signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]) });
    if (res.status === 401) opts.auth.refused();
    if (!res.ok) throw new Error(`_changes of ${db} answered ${res.status}`);
    const body = (await res.json()) as { results: Change[]; last_seq: string | number };
    const next = body.results.length > 0 ? await run(body.results.map(({ id, changes, deleted }) => ({ id, changes, ...(deleted ? { deleted } : {}) })), signal) : pending;
    if (next === null) throw new Error(`${db}: ${pending.changes.length} changes are pending; the checkpoint stays before this batch`);
    const to = String(body.last_seq);
    await save(to, next, signal);
    pending = next;
    since = to;
    return body.results.length < BATCH;
  }

  return {
    async read(signal) {
      since ??= await start(signal);
      await retryPending(since, signal);
      let caughtUp = false;
      for (let page = 0; page < MAX_PAGES && !caughtUp && !signal.aborted; page++) caughtUp = await nextPage(since, signal);
      // The sweep is a safety net, not the main path: it waits until the feed has caught up.
      if (caughtUp && !swept && !signal.aborted) {
        await sweepConflicts(signal);
        swept = true;
      }
      return { caughtUp, dueAt: pending.changes.length > 0 ? pending.dueAt : Infinity };
    },
  };
}
