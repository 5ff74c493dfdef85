// Keeps this till's `store-status:<store>:<device>` document in the local store database in
// step with the SyncManager's status; the SyncManager replicates it to central, where admins
// read it. The pending ledger does not count this document (it is rewritten all the time).
// Signed by the device key when a signer is given, as sales are, so central can tell a till's
// own status from one any account of the store could write.
// Decisions live in store-status-doc (what to write, whether it changed) and
// status-write-delay (when); this module owns the timers and the one write in flight.
// Besides every change that matters, a heartbeat rewrites the document at least every
// `heartbeatMs` (with the time of the report), so central can tell a silent till from a quiet one.

import { validate, type StoreStatus } from '../validators/index.js';
import { storeStatusChanged, storeStatusDoc, type StoreStatusBody, type TillFacts } from './store-status-doc.js';
import { statusWriteDelay } from './status-write-delay.js';
import { isConflict, isNotFound, type Db } from './pouch-types.js';
import type { SyncState, SyncStatus, SyncStatusListener } from './sync-status.js';
import type { DocSigner } from './crypto/index.js';

export interface StatusReporterOptions {
  store: string;
  /** Device (node) id: the document is `store-status:<store>:<device>`, written by it. */
  device: string;
  /** Stamps `updatedAt` (see createClock). */
  clock: { next(): Promise<string> };
  /** Times the writes, ms; default a monotonic clock (performance.now), which no device clock change moves. */
  now?: () => number;
  /** The corrected clock (central-time.ts), for `reportedAt`; default Date.now. */
  reportClock?: () => number;
  /** Least time between two writes that do not change the state, ms (default 5000). */
  minIntervalMs?: number;
  /** Longest time between two writes, ms, even when nothing changed (default 60 000). */
  heartbeatMs?: number;
  /** The till's own facts (storage, clock, build), read at every write; see refresh(). */
  facts?: () => TillFacts;
  /** Signs each write with the device key (crypto/sign-doc); default: unsigned. */
  signer?: DocSigner;
  /** When the oldest pending upload was written (ISO), read at every write while some are pending; see oldest-pending.ts. */
  oldestPending?: () => Promise<string | undefined>;
  /** A failed write (the next status change tries again); default: ignored. */
  onError?: (err: unknown) => void;
}

/** The part of SyncManager the reporter needs. */
export interface StatusSource {
  readonly status: SyncStatus;
  onStatus(listener: SyncStatusListener): () => void;
}

/** Stops reporting (unsubscribes and writes what is still due); `refresh()` says the facts changed. */
export interface StatusReporter {
  (): Promise<void>;
  refresh(): void;
}

export const DEFAULT_HEARTBEAT_MS = 60_000;

/** Starts reporting; call the returned function to stop. */
export function reportStatus(manager: StatusSource, storeDb: Db, options: StatusReporterOptions): StatusReporter {
  const { store, device, clock, signer, minIntervalMs = 5000, heartbeatMs = DEFAULT_HEARTBEAT_MS, onError = () => undefined } = options;
  const now = options.now ?? (() => performance.now());
  const reportClock = options.reportClock ?? Date.now;
  const facts = options.facts ?? (() => ({}));
  let latest = manager.status;
  let writtenState: SyncState | undefined;
  let writtenAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let heartbeat: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const build = async (): Promise<StoreStatusBody> => {
    const oldestPendingAt = latest.pending > 0 && options.oldestPending ? await options.oldestPending() : undefined;
    return storeStatusDoc(latest, { store, device, intervalMs: heartbeatMs, reportedAt: new Date(reportClock()).toISOString(), oldestPendingAt }, facts());
  };

  const write = async (force: boolean): Promise<void> => {
    const body = await build();
    // One retry on 409: another tab of the same till may have written in between.
    for (let attempt = 0; ; attempt++) {
      const current = await getStatus(storeDb, body._id);
      if (!force && !storeStatusChanged(current, body)) break;
      const unsigned = { ...body, ...(current ? { _rev: current._rev } : {}), updatedAt: await clock.next(), updatedBy: device };
      const doc = signer ? await signer.sign(unsigned) : unsigned;
      validate(doc, { db: `store-${store}` });
      try {
        await storeDb.put(doc);
        break;
      } catch (err) {
        if (!isConflict(err) || attempt >= 1) throw err;
      }
    }
    writtenState = body.state;
  };

  const flush = (force = false): void => {
    clearTimeout(timer);
    timer = undefined;
    clearTimeout(heartbeat);
    heartbeat = undefined;
    writtenAt = now();
    inFlight = write(force)
      .catch((err) => {
        try {
          onError(err);
        } catch {
          // A broken error listener must not leave a rejected promise behind.
        }
      })
      .finally(() => {
        inFlight = undefined;
        if (!stopped) heartbeat = setTimeout(beat, heartbeatMs);
        if (again) {
          again = false;
          schedule();
        }
      });
  };

  function beat(): void {
    heartbeat = undefined;
    if (stopped) return;
    if (inFlight) again = true;
    else flush(true);
  }

  function schedule(): void {
    if (stopped) return;
    if (inFlight) {
      again = true;
      return;
    }
    const delay = statusWriteDelay({ writtenState, writtenAt, nextState: latest.state, nowMs: now(), minIntervalMs });
    if (delay === 0) flush();
    else timer ??= setTimeout(flush, delay);
  }

  const unsubscribe = manager.onStatus((status) => {
    latest = status;
    schedule();
  });
  schedule();

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    await inFlight;
    // The trailing write still due must land; when nothing changed it is one read, no write.
    flush();
    await inFlight;
    clearTimeout(heartbeat);
  };
  return Object.assign(stop, { refresh: schedule });
}

async function getStatus(db: Db, id: string): Promise<StoreStatus | undefined> {
  try {
    return (await db.get(id)) as StoreStatus;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}
