// Follows one database's `_changes` feed (long-poll, style=all_docs so each change lists every
// leaf) from its checkpoint (check-since refuses one that cannot be ours) and hands each batch to
// `onChanges`. Supervised: any failure — the checkpoint unreadable, the design doc not there yet
// (setup creates a database a moment before it), CouchDB down, a job throwing — is retried with
// back-off and never ends the follower. The checkpoint never passes work that is not done: a
// batch that fails goes into the pending set saved in the same write (pending-work.ts), retried
// with back-off across restarts and never dropped; when that set is full the checkpoint stays
// before the batch. On start it follows from the checkpoint, which redoes every kind of work
// missed while central was down: conflicts, signature and rule checks (verify-store-docs marks
// nothing on a document that passes; only the feed position says it was checked), duplicate
// customers and status relays; once caught up it sweeps the `pronto/conflicts` view for
// conflicts the feed will not bring again (one deferred to another central before a crash).
// https://docs.couchdb.org/en/stable/api/database/changes.html
//
// Why not nano's `changesReader` (node_modules/nano/lib/changesreader.js, nano 11): it moves its
// `since` to `last_seq` before the batch is handed over, so a failed batch cannot keep it back
// (only by writing its internal field); it ends for good on any 4xx (a database deleted and
// recreated, a 401 during a credentials change), which this follower must survive; its back-off
// sleep cannot be cut short by `stop()`, and `stop()` returns nothing to wait on; and its pause
// is a 100 ms polling loop. It would need this supervision around it anyway.
import type { Logger } from 'pino';
import type Nano from 'nano';
import { loadCheckpoint, saveCheckpoint } from './checkpoint.js';
import { afterFailure, afterSuccess, isDue, NO_PENDING, samePending, type PendingChange, type PendingWork } from './pending-work.js';
import { backoffDelay } from '../../store-client/index.js';
import { abortableDelay } from './abortable-delay.js';
import { abortableRequest } from './abortable-request.js';

import type { Change } from './change.js';

export type { Change };

export interface FollowOptions {
  nano: Nano.ServerScope;
  couchUrl: string;
  authHeader: Record<string, string>;
  log: Logger;
  db: string;
  /** Handles a batch of changes; returns ids to look at again soon (not a failure). A thrown error
   * means the whole batch is to be done again later (pending-work.ts). `source` is `sweep` for a
   * page of the start-up conflicts sweep (documents already conflicted, not new arrivals). */
  onChanges(changes: PendingChange[], source: ChangeSource): Promise<string[]>;
  /** Long-poll timeout asked of CouchDB (ms). */
  pollTimeoutMs?: number;
  /** How long stop() waits for the work in hand (ms). Default 10,000. */
  stopGraceMs?: number;
  /** First retry delay of a failed batch (ms); it doubles up to five minutes. Default 500. */
  retryBaseMs?: number;
  /** A stored checkpoint was not trusted (see check-since); the follower starts from the beginning. */
  onCheckpointRefused(reason: string): Promise<void>;
}

/** Where a batch came from: the `_changes` feed (or the pending set), or the start-up conflicts sweep. */
export type ChangeSource = 'feed' | 'sweep';

export interface Follower {
  /** False once the follower has ended (stopped, or a bug escaped its supervision). */
  alive(): boolean;
  stop(): Promise<void>;
}

const BATCH = 500;

export function followDatabase(opts: FollowOptions): Follower {
  const abort = new AbortController();
  const signal = abort.signal;
  const { nano, db, log } = opts;
  let since: string | undefined;
  let pending: PendingWork = NO_PENDING;
  /** The checkpoint as last saved (or loaded), with the `_rev` of this follower's last save. */
  let saved: { since: string; pending: PendingWork; rev?: string } | undefined;
  let swept = false;

  /** Runs a batch; the pending set afterwards (null: full, keep the checkpoint before the batch). */
  async function run(changes: PendingChange[], source: ChangeSource = 'feed'): Promise<PendingWork | null> {
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

  async function save(at: string, next: PendingWork): Promise<void> {
    if (saved && saved.since === at && samePending(saved.pending, next)) return;
    const rev = await saveCheckpoint(nano, db, at, next, signal, saved?.rev);
    saved = { since: at, pending: next, rev };
  }

  /** The backlog of conflicts, a page at a time (bounded memory whatever the backlog). */
  async function sweepConflicts(): Promise<void> {
    let startkey: string | undefined;
    for (let page = 0; page < 1_000_000 && !signal.aborted; page++) {
      // The first page brings the view up to date; the next ones read that same index as it
      // stands (stale=ok): this sweep's own writes only touch rows it has passed, and an index
      // update per page would re-index them each time.
      const qs = { limit: BATCH, ...(startkey !== undefined ? { startkey, skip: 1, stale: 'ok' } : {}) };
      const res = (await abortableRequest(nano, { db, path: '_design/pronto/_view/conflicts', qs }, signal)) as { rows: Array<{ id: string; value: unknown }> };
      if (res.rows.length === 0) return;
      const next = await run(res.rows.map((row) => ({ id: row.id, changes: Array.isArray(row.value) ? row.value.map((rev) => ({ rev: String(rev) })) : [] })), 'sweep');
      if (next === null) throw new Error(`${db}: too much pending work to sweep its conflicts`);
      pending = next;
      if (res.rows.length < BATCH) return;
      startkey = res.rows[res.rows.length - 1]!.id;
    }
  }

  /** Setup creates a database a moment before its design doc: nothing is done there until it is in (a 404 is retried). */
  async function designDocPresent(): Promise<void> {
    await abortableRequest(nano, { db, path: '_design/pronto', method: 'HEAD' }, signal);
  }

  async function start(): Promise<string> {
    // Both reads at once: a restart (and a backlog waiting for it) pays one round trip, not three.
    const [checkpoint] = await Promise.all([loadCheckpoint(nano, db, signal), designDocPresent()]);
    pending = checkpoint.pending;
    if (!checkpoint.check.ok) await opts.onCheckpointRefused(checkpoint.check.reason);
    const from = checkpoint.check.ok ? checkpoint.check.since : '0';
    saved = { since: from, pending };
    return from;
  }

  async function retryPending(at: string): Promise<void> {
    if (!isDue(pending, Date.now())) return;
    const next = await run(pending.changes);
    // Full cannot happen here: a retry never adds documents.
    if (next !== null) pending = next;
    await save(at, pending);
  }

  /** Follows one batch; true when the feed had no more than that (caught up). */
  async function nextBatch(at: string): Promise<boolean> {
    const wait = pending.changes.length > 0 ? Math.max(1_000, Math.min(pending.dueAt - Date.now(), opts.pollTimeoutMs ?? 25_000)) : opts.pollTimeoutMs ?? 25_000;
    const url = `${opts.couchUrl}/${encodeURIComponent(db)}/_changes?feed=longpoll&style=all_docs&limit=${BATCH}` +
      `&timeout=${Math.round(wait)}&since=${encodeURIComponent(at)}`;
    // A long-poll CouchDB never answers is abandoned a while after its own timeout.
    const res = await fetch(url, { headers: opts.authHeader, signal: AbortSignal.any([signal, AbortSignal.timeout(wait + 30_000)]) });
    if (!res.ok) throw new Error(`_changes of ${db} answered ${res.status}`);
    const body = (await res.json()) as { results: Change[]; last_seq: string | number };
    const next = body.results.length > 0 ? await run(body.results.map(({ id, changes, deleted }) => ({ id, changes, ...(deleted ? { deleted } : {}) }))) : pending;
    if (next === null) throw new Error(`${db}: ${pending.changes.length} changes are pending; the checkpoint stays before this batch`);
    const to = String(body.last_seq);
    await save(to, next);
    pending = next;
    since = to;
    return body.results.length < BATCH;
  }

  async function loop(): Promise<void> {
    for (let errors = 0; !signal.aborted; ) {
      try {
        since ??= await start();
        await retryPending(since);
        const caughtUp = await nextBatch(since);
        // The sweep is a safety net, not the main path: it waits until the feed has caught up,
        // so a backlog is settled from the feed first and the view's index update does not delay it.
        if (caughtUp && !swept) {
          await sweepConflicts();
          swept = true;
        }
        errors = 0;
      } catch (err) {
        if (signal.aborted) return;
        errors += 1;
        log.warn({ db, errors, err: (err as Error).message }, 'change feed error; retrying');
        await abortableDelay(backoffDelay(errors - 1, { baseMs: 250, maxMs: 30_000 }, () => 1), signal);
      }
    }
  }

  let ended = false;
  const running = loop()
    .catch((err: Error) => log.error({ db, err: err.message }, 'change feed follower ended by a bug; discovery starts it again'))
    .finally(() => { ended = true; });
  return {
    alive: () => !ended && !signal.aborted,
    async stop() {
      abort.abort();
      // The follower's own requests are aborted at once; a job's request CouchDB never answers
      // must not hold a shutdown: past the grace period the follower is let go.
      const grace = new AbortController();
      const stopped = await Promise.race([running.then(() => true), abortableDelay(opts.stopGraceMs ?? 10_000, grace.signal).then(() => false)]);
      grace.abort();
      if (!stopped) log.error({ db }, 'change feed follower did not stop in time: a request to CouchDB is still unanswered');
    },
  };
}
