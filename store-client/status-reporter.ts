// Keeps this till's `store-status:<store>:<device>` document in the local store database in
// step with the SyncManager's status; the SyncManager replicates it to central, where admins
// read it. The pending ledger does not count this document (it is rewritten all the time).
// Signed by the device key when a signer is given, as sales are, so central can tell a till's
// own status from one any account of the store could write.
// Decisions live in store-status-doc (what to write, whether it changed) and
// status-write-delay (when); this module owns the timer and the one write in flight.

import { validate, type StoreStatus } from '../validators/index.js';
import { storeStatusChanged, storeStatusDoc, type StoreStatusBody } from './store-status-doc.js';
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
  now?: () => number;
  /** Least time between two writes that do not change the state, ms (default 5000). */
  minIntervalMs?: number;
  /** Signs each write with the device key (crypto/sign-doc); default: unsigned. */
  signer?: DocSigner;
  /** A failed write (the next status change tries again); default: ignored. */
  onError?: (err: unknown) => void;
}

/** The part of SyncManager the reporter needs. */
export interface StatusSource {
  readonly status: SyncStatus;
  onStatus(listener: SyncStatusListener): () => void;
}

/** Starts reporting; the returned stop() unsubscribes and writes what is still due. */
export function reportStatus(manager: StatusSource, storeDb: Db, options: StatusReporterOptions): () => Promise<void> {
  const { store, device, clock, signer, minIntervalMs = 5000, onError = () => undefined } = options;
  const now = options.now ?? Date.now;
  let latest = manager.status;
  let writtenState: SyncState | undefined;
  let writtenAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const write = async (body: StoreStatusBody): Promise<void> => {
    // One retry on 409: another tab of the same till may have written in between.
    for (let attempt = 0; ; attempt++) {
      const current = await getStatus(storeDb, body._id);
      if (!storeStatusChanged(current, body)) break;
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

  const flush = (): void => {
    clearTimeout(timer);
    timer = undefined;
    writtenAt = now();
    inFlight = write(storeStatusDoc(latest, { store, device }))
      .catch((err) => {
        try {
          onError(err);
        } catch {
          // A broken error listener must not leave a rejected promise behind.
        }
      })
      .finally(() => {
        inFlight = undefined;
        if (again) {
          again = false;
          schedule();
        }
      });
  };

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

  return async () => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    await inFlight;
    // The trailing write still due must land; when nothing changed it is one read, no write.
    flush();
    await inFlight;
  };
}

async function getStatus(db: Db, id: string): Promise<StoreStatus | undefined> {
  try {
    return (await db.get(id)) as StoreStatus;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}
