// The HLC's I/O edge: keeps the clock state in the database's `_local/hlc` (never replicated).
// Write-ahead: the advanced state is saved BEFORE a stamp is handed out, so after a crash or a
// reload with a device clock that went backwards the clock resumes above every stamp it ever
// issued, and `sale:<store>:<stamp>` ids cannot repeat.

import { initialState, receive, tick, type HlcState } from './hlc.js';
import { isNotFound, type Db } from './pouch-types.js';
import { isProntoError } from '../validators/errors.js';

export interface Clock {
  /** A new stamp, strictly greater than every stamp this database's clock issued before. */
  next(): Promise<string>;
  /** Merge a stamp seen on a remote document; returns false when it was skipped (drift, or malformed). */
  observe(stamp: string): Promise<boolean>;
}

export interface ClockOptions {
  now?: () => number;
  /**
   * Remote stamps further ahead of the device clock than this are ignored, ms: a number, or a
   * function read at every observe (a till follows `settings:pos.maxClockSkewMin` as it changes).
   * Default 10 minutes, that setting's default.
   */
  maxDriftMs?: number | (() => number);
}

export const DEFAULT_MAX_DRIFT_MS = 10 * 60_000;

const DOC_ID = '_local/hlc';

interface StoredHlc {
  _id: string;
  _rev?: string;
  wallMs: number;
  counter: number;
}

export async function createClock(db: Db, nodeId: string, options: ClockOptions | (() => number) = {}): Promise<Clock> {
  const opts = typeof options === 'function' ? { now: options } : options;
  const now = opts.now ?? Date.now;
  const drift = opts.maxDriftMs ?? DEFAULT_MAX_DRIFT_MS;
  const maxDriftMs = typeof drift === 'function' ? drift : () => drift;

  let rev: string | undefined;
  let state: HlcState = initialState(nodeId);
  try {
    const saved = (await db.get(DOC_ID)) as StoredHlc;
    rev = saved._rev;
    state = { wallMs: saved.wallMs, counter: saved.counter, node: nodeId };
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }

  // One queue for every state change: concurrent next() calls must not tick from the same state.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job);
    queue = run.catch(() => undefined);
    return run;
  };

  const persist = async (next: HlcState): Promise<void> => {
    const res = await db.put({ _id: DOC_ID, _rev: rev, wallMs: next.wallMs, counter: next.counter });
    rev = res.rev;
    state = next;
  };

  return {
    next: () =>
      serial(async () => {
        const out = tick(state, now());
        await persist(out.state);
        return out.stamp;
      }),
    observe: (stamp: string) =>
      serial(async () => {
        try {
          // Kept in memory only: the next next() persists it, and losing it in a crash only
          // loses causality with a remote write, never our own monotonicity.
          state = receive(state, stamp, now(), maxDriftMs());
          return true;
        } catch (err) {
          // A remote stamp too far ahead, or not a stamp at all, is skipped: our clock keeps its own time.
          if (isProntoError(err, 'HLC_DRIFT') || isProntoError(err, 'VALIDATION_FAILED')) return false;
          throw err;
        }
      }),
  };
}
