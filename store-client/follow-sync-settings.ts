// Applies the admin's `settings:sync` to a till's SyncManager: the copy already in the local
// catalog first (a till that starts offline uses what it last pulled), then every new revision
// the catalog pull brings (a live `_changes` on that one document). The SyncManager restarts
// its replication only when the values change.
// https://pouchdb.com/api.html#changes (`doc_ids`, `live`, `since: 'now'`)
import { isNotFound, type Db } from './pouch-types.js';
import { SYNC_SETTINGS_ID, syncSettings, type SyncSettings } from './sync-settings.js';

export interface SettingsTarget { applySettings(s: SyncSettings): Promise<void> }

export interface SyncSettingsFollower {
  /** Settles once the local copy (or the defaults) has been applied. */
  ready: Promise<void>;
  stop(): void;
}

export function followSyncSettings(catalog: Db, target: SettingsTarget, onError: (err: unknown) => void = (err) => console.warn('settings:sync not applied', err)): SyncSettingsFollower {
  const apply = (value: unknown) => target.applySettings(syncSettings(value)).catch(onError);
  // Started before the first read, so a revision arriving in between is not missed.
  const feed = catalog.changes({ live: true, since: 'now', doc_ids: [SYNC_SETTINGS_ID], include_docs: true });
  let changed = false;
  feed.on('change', (change) => {
    changed = true;
    void apply(change.deleted ? undefined : (change.doc as { value?: unknown } | undefined)?.value);
  });
  feed.on('error', onError);
  // A revision the feed brought meanwhile is newer than what this read saw.
  const ready = catalog.get(SYNC_SETTINGS_ID).then(
    (doc) => (changed ? undefined : apply((doc as { value?: unknown }).value)),
    (err: unknown) => (changed ? undefined : isNotFound(err) ? apply(undefined) : onError(err)),
  );
  return { ready, stop: () => feed.cancel() };
}
