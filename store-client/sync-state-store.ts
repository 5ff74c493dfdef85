// Persists the pending ledger in the store database's `_local/sync-state` (never replicated),
// so a reload knows what central already confirmed. Saves are coalesced (see coalesce-writes):
// while one write is in flight, later calls only mark the state dirty and one more write follows.

import { coalesceWrites } from './coalesce-writes.js';
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

  const save = coalesceWrites(async () => {
    const res = await db.put({ _id: DOC_ID, _rev: rev, ...read() });
    rev = res.rev;
  });

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
    save,
  };
}
