// The HLC's I/O edge: keeps the clock state in the database's `_local/hlc` (never replicated).
// Write-ahead: the advanced state is saved BEFORE a stamp is handed out, so after a crash or a
// reload with a device clock that went backwards the clock resumes above every stamp it ever
// issued, and `sale:<store>:<stamp>` ids cannot repeat. Two tabs of one till share the
// document: a 409 means the other tab issued a stamp, so the state is re-read, merged and the
// tick redone (never a put with a cached `_rev` alone, which would fail forever).
// https://docs.couchdb.org/en/stable/api/local.html

import { initialState, rebase, receive, tick, type HlcState } from './hlc.js';
import { isConflict, isNotFound, type Db } from './pouch-types.js';
import { isProntoError, ProntoError } from '../validators/errors.js';

export interface Clock {
  /** A new stamp, strictly greater than every stamp this database's clock issued before (but once after a rebase, see hlc.ts). */
  next(): Promise<string>;
  /** Merge a stamp seen on a remote document; returns false when it was skipped (drift, or malformed). */
  observe(stamp: string): Promise<boolean>;
  /**
   * A new stamp saved in the same write as the document that carries it (one IndexedDB
   * transaction instead of two): `write` gets the stamp and the clock's `_local/hlc` document,
   * writes both in ONE `bulkDocs`, clock document first, and returns its result rows. A
   * browser closed mid-write keeps both or neither, so the stamp is never out without its
   * saved state (write-ahead still holds). A rejected `write` issued nothing. Optional:
   * callers fall back to next() and a write of their own.
   */
  nextWith?<T>(write: (stamp: string, clockDoc: object) => Promise<StampedWrite<T>>): Promise<T>;
}

/** What a nextWith write hands back: the clock document's bulkDocs row, and the caller's value. */
export interface StampedWrite<T> {
  clockRow: { ok?: boolean; rev?: string; error?: unknown; status?: number; name?: string };
  value: T;
}

export interface ClockOptions {
  now?: () => number;
  /**
   * Remote stamps further ahead of the device clock than this are ignored, ms: a number, or a
   * function read at every observe (a till follows `settings:pos.maxClockSkewMin` as it changes).
   * Default 10 minutes, that setting's default.
   */
  maxDriftMs?: number | (() => number);
  /**
   * Central's time as this node last measured it (central-time.ts), undefined while unknown.
   * When known, stamps follow it instead of `now`, and a state found more than `maxDriftMs`
   * ahead of it (a device clock that jumped forward once) is rebased (hlc.ts rebase).
   */
  reference?: () => number | undefined;
}

export const DEFAULT_MAX_DRIFT_MS = 10 * 60_000;
/** Puts per stamp when another tab keeps winning the race; each 409 is a stamp it issued. */
const MAX_PUTS = 20;

const DOC_ID = '_local/hlc';

interface StoredHlc {
  _id: string;
  _rev?: string;
  wallMs: number;
  counter: number;
  aheadUntilMs?: number;
}

export async function createClock(db: Db, nodeId: string, options: ClockOptions | (() => number) = {}): Promise<Clock> {
  const opts = typeof options === 'function' ? { now: options } : options;
  const deviceNow = opts.now ?? Date.now;
  const reference = opts.reference ?? (() => undefined);
  const now = () => reference() ?? deviceNow();
  const drift = opts.maxDriftMs ?? DEFAULT_MAX_DRIFT_MS;
  const maxDriftMs = typeof drift === 'function' ? drift : () => drift;

  let rev: string | undefined;
  let state: HlcState = initialState(nodeId);

  /** Re-reads the stored state and keeps the later of it and ours. */
  const reload = async (): Promise<void> => {
    try {
      const saved = (await db.get(DOC_ID)) as StoredHlc;
      rev = saved._rev;
      state = later(state, fromStored(saved, nodeId));
    } catch (err) {
      if (!isNotFound(err)) throw err;
      rev = undefined;
    }
  };
  await reload();

  // One queue for every state change: concurrent next() calls must not tick from the same state.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job);
    queue = run.catch(() => undefined);
    return run;
  };

  const issue = async (): Promise<string> => {
    for (let puts = 0; puts < MAX_PUTS; puts++) {
      const ref = reference();
      const base = ref === undefined ? state : rebase(state, ref, maxDriftMs());
      const out = tick(base, now());
      try {
        rev = (await db.put(toStored(out.state, rev))).rev;
        state = out.state;
        return out.stamp;
      } catch (err) {
        if (!isConflict(err)) throw err;
        await reload();
      }
    }
    throw new ProntoError('CONFLICT', `${DOC_ID} kept changing under this clock (${MAX_PUTS} tries)`, { id: DOC_ID });
  };

  const issueWith = async <T>(write: (stamp: string, clockDoc: object) => Promise<StampedWrite<T>>): Promise<T> => {
    const ref = reference();
    const base = ref === undefined ? state : rebase(state, ref, maxDriftMs());
    const out = tick(base, now());
    const { clockRow, value } = await write(out.stamp, toStored(out.state, rev));
    if (clockRow.ok === true && typeof clockRow.rev === 'string') {
      rev = clockRow.rev;
      state = out.state;
      return value;
    }
    if (!isConflict(clockRow)) throw new ProntoError('CONFLICT', `${DOC_ID} was not saved with its stamp`, { id: DOC_ID });
    // Another tab moved the clock meanwhile; the caller's document is written all the same
    // (bulkDocs is per document). Its stamp is issued: keep the later of it and the stored state,
    // and save that now, so no later stamp from here or the other tab goes below it.
    await reload();
    state = later(state, out.state);
    await issue();
    return value;
  };

  return {
    next: () => serial(issue),
    nextWith: <T>(write: (stamp: string, clockDoc: object) => Promise<StampedWrite<T>>) => serial(() => issueWith(write)),
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

function fromStored(saved: StoredHlc, node: string): HlcState {
  const base = { wallMs: saved.wallMs, counter: saved.counter, node };
  return typeof saved.aheadUntilMs === 'number' ? { ...base, aheadUntilMs: saved.aheadUntilMs } : base;
}

function toStored(state: HlcState, rev: string | undefined): StoredHlc {
  const doc: StoredHlc = { _id: DOC_ID, wallMs: state.wallMs, counter: state.counter };
  if (rev !== undefined) doc._rev = rev;
  if (state.aheadUntilMs !== undefined) doc.aheadUntilMs = state.aheadUntilMs;
  return doc;
}

/**
 * The state that has issued more: by wall time, then counter. A state from before a rebase (an
 * older window or none, wall time inside the other's window) is covered by it and yields.
 */
function later(a: HlcState, b: HlcState): HlcState {
  const window = Math.max(a.aheadUntilMs ?? -Infinity, b.aheadUntilMs ?? -Infinity);
  if (Number.isFinite(window)) {
    const covered = (s: HlcState) => (s.aheadUntilMs ?? -Infinity) < window && s.wallMs <= window;
    if (covered(a) && !covered(b)) return b;
    if (covered(b) && !covered(a)) return a;
  }
  return a.wallMs > b.wallMs || (a.wallMs === b.wallMs && a.counter >= b.counter) ? a : b;
}
