// Persists the pending ledger in the store database's `_local/sync-state` (never replicated),
// so a reload knows what central already confirmed. Saves are coalesced (see coalesce-writes):
// while one write is in flight, later calls only mark the state dirty and one more write follows.
// A 409 (another tab of this till wrote its own ledger) re-reads the revision and writes again,
// a bounded number of times: the latest ledger of the tab that syncs is the one worth keeping.

import { coalesceWrites } from './coalesce-writes.js';
import type { LedgerSnapshot } from './pending-ledger.js';
import { isConflict, isNotFound, type Db } from './pouch-types.js';

const DOC_ID = '_local/sync-state';
/** Puts per save when other writers keep winning the race; the next save tries again. */
const MAX_PUTS = 5;

export interface SyncStateStore {
  load(): Promise<LedgerSnapshot | undefined>;
  /** Schedule a save of `read()`'s current value; resolves once it (or a later one) is written. */
  save(): Promise<void>;
}

export function createSyncStateStore(db: Db, read: () => LedgerSnapshot): SyncStateStore {
  let rev: string | undefined;

  const currentRev = async (): Promise<string | undefined> => {
    try {
      return ((await db.get(DOC_ID)) as { _rev: string })._rev;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  };

  const save = coalesceWrites(async () => {
    for (let puts = 1; ; puts++) {
      try {
        rev = (await db.put({ _id: DOC_ID, _rev: rev, ...read() })).rev;
        return;
      } catch (err) {
        if (!isConflict(err) || puts >= MAX_PUTS) throw err;
        rev = await currentRev();
      }
    }
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
