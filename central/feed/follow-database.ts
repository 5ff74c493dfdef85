// Follows one database's `_changes` feed (long-poll, style=all_docs so each change lists every
// leaf) from its checkpoint (check-since refuses one that cannot be ours) and hands each batch to
// `onChanges`. Supervised: any failure — the checkpoint unreadable, the start-up sweep meeting a
// 404 view (setup creates a database a moment before its design doc), CouchDB down, a job
// throwing — is retried with back-off and never ends the follower. The checkpoint never passes
// work that is not done: a batch that fails goes into the pending set saved in the same write
// (pending-work.ts), retried with back-off across restarts and never dropped; when that set is
// full the checkpoint stays before the batch. On start it sweeps the `pronto/conflicts` view (a
// conflict deferred to another central before a crash) and then follows from the checkpoint,
// which redoes every other kind of work missed while central was down: signature and rule checks
// (verify-store-docs marks nothing on a document that passes; only the feed position says it
// was checked), duplicate customers and status relays.
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
   * means the whole batch is to be done again later (pending-work.ts). */
  onChanges(changes: PendingChange[]): Promise<string[]>;
  /** Long-poll timeout asked of CouchDB (ms). */
  pollTimeoutMs?: number;
  /** How long stop() waits for the work in hand (ms). Default 10,000. */
  stopGraceMs?: number;
  /** First retry delay of a failed batch (ms); it doubles up to five minutes. Default 500. */
  retryBaseMs?: number;
  /** A stored checkpoint was not trusted (see check-since); the follower starts from the beginning. */
  onCheckpointRefused(reason: string): Promise<void>;
}

export interface Follower {
  /** False once the follower has ended (stopped, or a bug escaped its supervision). */
  alive(): boolean;
  stop(): Promise<void>;
}

const BATCH = 200;

export function followDatabase(opts: FollowOptions): Follower {
  const abort = new AbortController();
  const signal = abort.signal;
  const { nano, db, log } = opts;
  let since: string | undefined;
  let pending: PendingWork = NO_PENDING;
  let saved: { since: string; pending: PendingWork } | undefined;

  /** Runs a batch; the pending set afterwards (null: full, keep the checkpoint before the batch). */
  async function run(changes: PendingChange[]): Promise<PendingWork | null> {
    try {
      const again = new Set(await opts.onChanges(changes));
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
    await saveCheckpoint(nano, db, at, next, signal);
    saved = { since: at, pending: next };
  }

  /** The backlog of conflicts, a page at a time (bounded memory whatever the backlog). */
  async function sweepConflicts(): Promise<void> {
    let startkey: string | undefined;
    for (let page = 0; page < 1_000_000 && !signal.aborted; page++) {
      const qs = { limit: BATCH, ...(startkey !== undefined ? { startkey, skip: 1 } : {}) };
      const res = (await abortableRequest(nano, { db, path: '_design/pronto/_view/conflicts', qs }, signal)) as { rows: Array<{ id: string; value: unknown }> };
      if (res.rows.length === 0) return;
      const next = await run(res.rows.map((row) => ({ id: row.id, changes: Array.isArray(row.value) ? row.value.map((rev) => ({ rev: String(rev) })) : [] })));
      if (next === null) throw new Error(`${db}: too much pending work to sweep its conflicts`);
      pending = next;
      if (res.rows.length < BATCH) return;
      startkey = res.rows[res.rows.length - 1]!.id;
    }
  }

  async function start(): Promise<string> {
    const checkpoint = await loadCheckpoint(nano, db, signal);
    pending = checkpoint.pending;
    if (!checkpoint.check.ok) await opts.onCheckpointRefused(checkpoint.check.reason);
    const from = checkpoint.check.ok ? checkpoint.check.since : '0';
    saved = { since: from, pending };
    await sweepConflicts();
    return from;
  }

  async function retryPending(at: string): Promise<void> {
    if (!isDue(pending, Date.now())) return;
    const next = await run(pending.changes);
    // Full cannot happen here: a retry never adds documents.
    if (next !== null) pending = next;
    await save(at, pending);
  }

  async function nextBatch(at: string): Promise<void> {
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
  }

  async function loop(): Promise<void> {
    for (let errors = 0; !signal.aborted; ) {
      try {
        since ??= await start();
        await retryPending(since);
        await nextBatch(since);
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
