// Follows one database's `_changes` feed (long-poll, style=all_docs so each change lists every
// leaf) from the resolver's checkpoint (refused when it cannot be ours: check-since), and hands each batch of changes to `onChanges`. First it sweeps the
// backlog: every document the `pronto/conflicts` view lists. A failed batch is retried on the
// next round (up to MAX_RETRIES), and the checkpoint only moves past a batch once it is handled.
// https://docs.couchdb.org/en/stable/api/database/changes.html
import type { Logger } from 'pino';
import type Nano from 'nano';
import { loadCheckpoint, saveCheckpoint } from './checkpoint.js';

export interface Change { id: string; seq: string; changes: Array<{ rev: string }>; deleted?: boolean }

export interface FollowOptions {
  nano: Nano.ServerScope;
  couchUrl: string;
  authHeader: Record<string, string>;
  log: Logger;
  db: string;
  /** Handles a batch of changes; returns ids to look at again next round (not a failure). A
   * thrown error means "try the whole batch again later" (a failure, retried MAX_RETRIES times). */
  onChanges(changes: Change[]): Promise<string[]>;
  /** Long-poll timeout asked of CouchDB (ms). */
  pollTimeoutMs?: number;
  /** How long stop() waits for the work in hand (ms). Default 10,000. */
  stopGraceMs?: number;
  /** A stored checkpoint was not trusted (see check-since); the follower starts from the beginning. */
  onCheckpointRefused(reason: string): Promise<void>;
}

export interface Follower {
  stop(): Promise<void>;
}

const MAX_RETRIES = 5;
const BATCH = 200;

export function followDatabase(opts: FollowOptions): Follower {
  const abort = new AbortController();
  const retries = new Map<string, { change: Change; tries: number }>();

  async function handle(changes: Change[]): Promise<void> {
    if (changes.length === 0) return;
    try {
      const again = new Set(await opts.onChanges(changes));
      for (const c of changes) {
        if (again.has(c.id)) retries.set(c.id, { change: c, tries: retries.get(c.id)?.tries ?? 0 });
        else retries.delete(c.id);
      }
    } catch (err) {
      for (const change of changes) {
        const tries = (retries.get(change.id)?.tries ?? 0) + 1;
        if (tries >= MAX_RETRIES) {
          retries.delete(change.id);
          opts.log.error({ db: opts.db, id: change.id, err: (err as Error).message }, 'resolver gave up on a document');
        } else {
          retries.set(change.id, { change, tries });
        }
      }
      opts.log.warn({ db: opts.db, count: changes.length, err: (err as Error).message }, 'resolver will retry a batch');
    }
  }

  async function sweep(): Promise<void> {
    const res = (await opts.nano.use(opts.db).view('pronto', 'conflicts')) as { rows: Array<{ id: string; value: unknown }> };
    for (let i = 0; i < res.rows.length; i += BATCH) {
      await handle(res.rows.slice(i, i + BATCH).map((row) => ({
        id: row.id, seq: '', changes: Array.isArray(row.value) ? row.value.map((rev) => ({ rev: String(rev) })) : [],
      })));
    }
  }

  /** Where to follow from: the checkpoint when it can be trusted; then the backlog sweep. */
  async function start(): Promise<string> {
    const checked = await loadCheckpoint(opts.nano, opts.db);
    if (!checked.ok) await opts.onCheckpointRefused(checked.reason);
    await sweep();
    return checked.ok ? checked.since : '0';
  }

  // A failure anywhere, the start included (a database created a moment before its design doc),
  // is retried with back-off: a follower that stopped for good would switch central's checks off.
  async function loop(): Promise<void> {
    let since: string | undefined;
    for (let errors = 0; !abort.signal.aborted; ) {
      try {
        since ??= await start();
        await handle([...retries.values()].map((r) => r.change));
        const url = `${opts.couchUrl}/${encodeURIComponent(opts.db)}/_changes?feed=longpoll&style=all_docs&limit=${BATCH}` +
          `&timeout=${retries.size > 0 ? 1_000 : opts.pollTimeoutMs ?? 25_000}&since=${encodeURIComponent(since)}`;
        const res = await fetch(url, { headers: opts.authHeader, signal: abort.signal });
        if (!res.ok) throw new Error(`_changes of ${opts.db} answered ${res.status}`);
        const body = (await res.json()) as { results: Change[]; last_seq: string | number };
        await handle(body.results);
        const next = String(body.last_seq);
        if (next !== since) await saveCheckpoint(opts.nano, opts.db, next);
        since = next;
        errors = 0;
      } catch (err) {
        if (abort.signal.aborted) return;
        errors += 1;
        opts.log.warn({ db: opts.db, err: (err as Error).message }, 'resolver feed error; retrying');
        await abortableDelay(Math.min(30_000, 250 * 2 ** Math.min(errors, 7)), abort.signal);
      }
    }
  }

  const running = loop().catch((err: Error) => opts.log.error({ db: opts.db, err: err.message }, 'resolver follower stopped'));
  return {
    async stop() {
      abort.abort();
      // A request CouchDB never answers must not hold a shutdown: past the grace period the
      // follower is let go (its request fails once central closes its CouchDB connection).
      const grace = new AbortController();
      const stopped = await Promise.race([running.then(() => true), abortableDelay(opts.stopGraceMs ?? 10_000, grace.signal).then(() => false)]);
      grace.abort();
      if (!stopped) opts.log.error({ db: opts.db }, 'resolver follower did not stop in time: a request to CouchDB is still unanswered');
    },
  };
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
