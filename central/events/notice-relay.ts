// Live notices across several central instances: wraps this process's EventBus so that what it
// publishes (of the types notice-doc.ts relays) is also written to the shared `pronto-notices`
// database, in small `_bulk_docs` batches, and follows that database's `_changes` (long-poll,
// include_docs, from the update_seq at start) to publish locally what the other instances wrote
// (https://docs.couchdb.org/en/stable/api/database/changes.html). Local publishing never waits
// on CouchDB; a failed write or poll is logged and retried with a bounded back-off. Each instance
// deletes notices older than `keepMs` now and then (any origin, so a dead instance's go too).
import { randomBytes } from 'node:crypto';
import type Nano from 'nano';
import type { Logger } from '../logger.js';
import { CENTRAL_DATABASES } from '../setup/central-databases.js';
import type { EventBus } from './event-bus.js';
import { isRelayed, noticeDoc, noticesBefore, othersNotices, type NoticeDoc } from './notice-doc.js';

export interface NoticeRelayOptions {
  nano: Nano.ServerScope;
  /** This process's bus: the relay publishes to it and wraps it. */
  bus: EventBus;
  log: Logger;
  /** Names this process in the notices it writes (default random). */
  origin?: string;
  db?: string;
  /** How long published notices wait to be written together (ms). Default 100. */
  flushEveryMs?: number;
  /** Notices per `_bulk_docs`. Default 100. */
  batchSize?: number;
  /** Notices held while CouchDB cannot be written; beyond it the oldest are dropped (logged). Default 10,000. */
  maxQueued?: number;
  /** Long-poll timeout asked of CouchDB (ms). Default 25,000. */
  pollTimeoutMs?: number;
  /** Notices older than this are deleted (ms). Default one hour; checked every tenth of it. */
  keepMs?: number;
  now?: () => number;
}

export interface NoticeRelay {
  /** Publish here: locally at once, to the other instances shortly after. */
  readonly bus: EventBus;
  /** The same bus, but `subscribe` hears only what this process published, not what was relayed to it (metrics count per process). */
  readonly ownBus: EventBus;
  /** Begins writing and following (once `db` exists: after setup). */
  start(): Promise<void>;
  /** Ends the follower and writes what is queued. */
  stop(): Promise<void>;
}

const MAX_BACKOFF_MS = 30_000;
const WRITE_TIMEOUT_MS = 10_000;

export function createNoticeRelay(opts: NoticeRelayOptions): NoticeRelay {
  const { nano, log, origin = randomBytes(6).toString('hex'), db = CENTRAL_DATABASES.notices, flushEveryMs = 100, batchSize = 100, maxQueued = 10_000,
    pollTimeoutMs = 25_000, keepMs = 3_600_000, now = Date.now } = opts;
  const local = opts.bus;
  const queue: NoticeDoc[] = [];
  const abort = new AbortController();
  let n = 0;
  let started = false;
  let flushTimer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;
  let writeFailures = 0;
  let following: Promise<void> | undefined;
  let pruneTimer: NodeJS.Timeout | undefined;

  // The bus delivers synchronously, so a listener called while `publishing` hears our own event.
  const ownListeners = new Set<Parameters<EventBus['subscribe']>[0]>();
  let publishing = false;
  local.subscribe((event) => { if (publishing) for (const listener of ownListeners) listener(event); });
  const bus: EventBus = {
    publish(type, data) {
      publishing = true;
      try {
        local.publish(type, data);
      } finally {
        publishing = false;
      }
      if (!isRelayed(type)) return;
      n += 1;
      queue.push(noticeDoc(origin, n, now(), type, data));
      if (queue.length > maxQueued) log.warn({ dropped: queue.splice(0, queue.length - maxQueued).length }, 'notices for the other central instances dropped: CouchDB not written for too long');
      schedule();
    },
    subscribe: (listener) => local.subscribe(listener),
    since: (lastId) => local.since(lastId),
    latestId: () => local.latestId(),
  };

  function schedule(delayMs = flushEveryMs): void {
    if (!started || flushTimer || flushing || abort.signal.aborted || queue.length === 0) return;
    flushTimer = setTimeout(() => { flushTimer = undefined; flushing = flush().finally(() => { flushing = undefined; schedule(backoff(writeFailures, flushEveryMs)); }); }, queue.length >= batchSize ? 0 : delayMs);
  }

  /** Writes the queue in batches, in order; a failed batch goes back to the front for the next try. */
  async function flush(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0, batchSize);
      try {
        const out = (await nano.request({ db, path: '_bulk_docs', method: 'POST', body: { docs: batch }, signal: AbortSignal.timeout(WRITE_TIMEOUT_MS) } as Nano.RequestOptions)) as Array<{ id: string; error?: string }>;
        const failed = new Set(out.filter((r) => r.error && r.error !== 'conflict').map((r) => r.id)); // conflict: written by an earlier try
        if (failed.size > 0) throw new Error(`${failed.size} notices refused: ${out.find((r) => failed.has(r.id))?.error}`);
        writeFailures = 0;
      } catch (err) {
        queue.unshift(...batch);
        writeFailures += 1;
        log.warn({ err: (err as Error).message, queued: queue.length }, 'notices for the other central instances not written yet (retrying)');
        return;
      }
    }
  }

  async function follow(since: string): Promise<void> {
    let failures = 0;
    while (!abort.signal.aborted) {
      try {
        const signal = AbortSignal.any([abort.signal, AbortSignal.timeout(pollTimeoutMs + 30_000)]);
        const body = (await unlessAborted(nano.request({ db, path: '_changes', qs: { feed: 'longpoll', include_docs: true, since, timeout: pollTimeoutMs, limit: 500 }, signal } as Nano.RequestOptions), abort.signal)) as
          { results: Array<{ doc?: unknown }>; last_seq: string | number };
        for (const { type, data } of othersNotices(body.results.map((r) => r.doc), origin)) local.publish(type, data);
        since = String(body.last_seq);
        failures = 0;
      } catch (err) {
        if (abort.signal.aborted) return;
        failures += 1;
        log.warn({ err: (err as Error).message, retryInMs: backoff(failures, 500) }, 'following the other central instances\' notices failed (retrying)');
        await pause(backoff(failures, 500), abort.signal);
      }
    }
  }

  async function prune(): Promise<void> {
    // nano JSON-encodes `endkey` itself.
    const { rows } = (await nano.request({ db, path: '_all_docs', qs: { endkey: noticesBefore(now() - keepMs), limit: 1000 } })) as { rows: Array<{ id: string; value: { rev: string } }> };
    if (rows.length === 0) return;
    const out = (await nano.request({ db, path: '_bulk_docs', method: 'POST', body: { docs: rows.map((r) => ({ _id: r.id, _rev: r.value.rev, _deleted: true })) } })) as Array<{ error?: string }>;
    const failed = out.filter((r) => r.error && r.error !== 'conflict'); // conflict: another instance deleted it first
    if (failed.length > 0) log.warn({ failed: failed.length, error: failed[0]!.error }, 'old notices not deleted (next round retries)');
  }

  const ownBus: EventBus = { ...bus, subscribe: (listener) => { ownListeners.add(listener); return () => ownListeners.delete(listener); } };

  return {
    bus, ownBus,
    async start() {
      if (started) return;
      const info = (await nano.request({ db })) as { update_seq: string | number };
      started = true;
      following = follow(String(info.update_seq));
      const pruneRound = () => prune().catch((err: Error) => log.warn({ err: err.message }, 'old notices not deleted (next round retries)'));
      void pruneRound();
      pruneTimer = setInterval(() => void pruneRound(), Math.max(1_000, keepMs / 10));
      schedule();
    },
    async stop() {
      abort.abort();
      clearTimeout(flushTimer);
      clearInterval(pruneTimer);
      await following;
      await flushing;
      if (started && queue.length > 0) await flush();
    },
  };
}

/**
 * `work`'s outcome, or a rejection as soon as `signal` aborts. Node 20's fetch (undici) holds a
 * Response only weakly and cancels an aborted body read only while the Response is alive, so an
 * aborted long-poll's read could stay pending forever and `stop()` with it: CI saw central's stop
 * give up after 30 s on the notice relay. The late outcome of `work` is ignored.
 */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** 2ⁿ × base, capped. */
const backoff = (failures: number, baseMs: number): number => failures === 0 ? baseMs : Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.min(failures, 16));

/** Resolves after `ms`, or at once when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}
