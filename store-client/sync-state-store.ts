// Persists the pending ledger in the store database's `_local/sync-state` (never replicated),
// so a reload knows what central already confirmed. Saves are coalesced: while one write is in
// flight, later calls only mark the state dirty and one more write follows.

import type { LedgerSnapshot } from './pending-ledger.js';
import { isNotFound, type Db } from './pouch-types.js';

const DOC_ID = '_local/sync-state';

export interface SyncStateStore {
  load(): Promise<LedgerSnapshot | undefined>;
  /** Schedule a save of `read()`'s current value; resolves once it (or a later one) is written. */
  save(): Promise<void>;
}

export function createSyncStateStore(db: Db, read: () => LedgerSnapshot): SyncStateStore {
  let rev: string | undefined;
  let inFlight: Promise<void> | undefined;
  let dirty = false;

  const write = async (): Promise<void> => {
    do {
      dirty = false;
      const res = await db.put({ _id: DOC_ID, _rev: rev, ...read() });
      rev = res.rev;
    } while (dirty);
  };

  return {
    async load() {
      try {
        const doc = (await db.get(DOC_ID)) as LedgerSnapshot & { _rev: string };
        rev = doc._rev;
        return { confirmedSeq: doc.confirmedSeq, pulled: doc.pulled, pushed: doc.pushed, denied: doc.denied };
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },
    save() {
      if (inFlight) {
        dirty = true;
        return inFlight;
      }
      inFlight = write().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
  };
}
