// Keeps the last push / pull times in the store database's `_local/sync-times` (never
// replicated), so a till reloaded while offline still says how stale it is. A document of its
// own, not a field of `_local/sync-state`: the times move on every replication batch and on
// every live up-to-date check, and rewriting the whole pending ledger for that would be waste.
// Writes are coalesced (see coalesce-writes) and skipped when the document already holds the
// times; what is written is merged with what is stored (sync-times), so it never goes back,
// even when another tab of the same till wrote in between (a 409 on this `_local` document).

import { coalesceWrites } from './coalesce-writes.js';
import { isConflict, isNotFound, type Db } from './pouch-types.js';
import type { SyncTimes } from './sync-status.js';
import { mergeSyncTimes, noSyncTimes, parseSyncTimes, sameSyncTimes } from './sync-times.js';

const DOC_ID = '_local/sync-times';
/** Puts per save when other writers keep winning the race; the next save tries again. */
const MAX_PUTS = 3;

export interface SyncTimesStore {
  /** The stored times (none when there is no document yet). */
  load(): Promise<SyncTimes>;
  /** Remember these times if later than the stored ones; resolves once written (or not needed). */
  save(times: SyncTimes): Promise<void>;
}

export function createSyncTimesStore(db: Db): SyncTimesStore {
  let rev: string | undefined;
  /** What the document holds, as far as this store knows. */
  let stored: SyncTimes = noSyncTimes;
  /** What it should hold: never behind `stored`. */
  let wanted: SyncTimes = noSyncTimes;

  const read = async (): Promise<SyncTimes> => {
    try {
      const doc = (await db.get(DOC_ID)) as { _rev: string };
      rev = doc._rev;
      stored = parseSyncTimes(doc);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      rev = undefined;
      stored = noSyncTimes;
    }
    wanted = mergeSyncTimes(wanted, stored);
    return stored;
  };

  const write = coalesceWrites(async () => {
    for (let puts = 0; puts < MAX_PUTS && !sameSyncTimes(wanted, stored); puts++) {
      const next = wanted;
      try {
        rev = (await db.put({ _id: DOC_ID, _rev: rev, ...next })).rev;
        stored = next;
      } catch (err) {
        if (!isConflict(err)) throw err;
        await read();
      }
    }
  });

  return {
    load: read,
    save(times) {
      wanted = mergeSyncTimes(wanted, times);
      return sameSyncTimes(wanted, stored) ? Promise.resolve() : write();
    },
  };
}
