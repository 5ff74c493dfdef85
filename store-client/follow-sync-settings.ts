// Applies the admin's `settings:sync` to a till's SyncManager: the copy already in the local
// catalog first (a till that starts offline uses what it last pulled), then every new revision
// the catalog brings. The SyncManager restarts its replication only when the values change.
// The revisions come from a feed of the catalog's documents the caller already follows (the
// POS's catalog index), or else from a live `_changes` of the whole catalog filtered here. Not
// `doc_ids`: PouchDB's live feed moves its `since` only past a change it delivers, so a feed
// of one document read again, at every write, everything written since that document last
// changed — on a first start's 20,000 products, more IndexedDB reading than the writing itself.
// https://pouchdb.com/api.html#changes (`live`, `since: 'now'`, `include_docs`)
import { isNotFound, type Db } from './pouch-types.js';
import { SYNC_SETTINGS_ID, syncSettings, type SyncSettings } from './sync-settings.js';

export interface SettingsTarget { applySettings(s: SyncSettings): Promise<void> }

export interface SyncSettingsFollower {
  /** Settles once the local copy (or the defaults) has been applied. */
  ready: Promise<void>;
  stop(): void;
}

/** A catalog document as a follower of the catalog sees it (a deletion: `_deleted`, no body). */
export interface CatalogDoc { _id: string; _deleted?: boolean; value?: unknown }

/** Calls `listener` with every catalog document written from now on; returns the unsubscribe. */
export type CatalogDocFeed = (listener: (doc: CatalogDoc) => void) => () => void;

export function followSyncSettings(
  catalog: Db, target: SettingsTarget, onError: (err: unknown) => void = (err) => console.warn('settings:sync not applied', err), docs: CatalogDocFeed = changesFeed(catalog, onError),
): SyncSettingsFollower {
  const apply = (value: unknown) => target.applySettings(syncSettings(value)).catch(onError);
  let changed = false;
  // Subscribed before the first read, so a revision arriving in between is not missed.
  const stop = docs((doc) => {
    if (doc._id !== SYNC_SETTINGS_ID) return;
    changed = true;
    void apply(doc._deleted ? undefined : doc.value);
  });
  // A revision the feed brought meanwhile is newer than what this read saw.
  const ready = catalog.get(SYNC_SETTINGS_ID).then(
    (doc) => (changed ? undefined : apply((doc as { value?: unknown }).value)),
    (err: unknown) => (changed ? undefined : isNotFound(err) ? apply(undefined) : onError(err)),
  );
  return { ready, stop };
}

/** Every catalog document written from now on, from the catalog's own live `_changes`. */
function changesFeed(catalog: Db, onError: (err: unknown) => void): CatalogDocFeed {
  return (listener) => {
    const feed = catalog.changes({ live: true, since: 'now', include_docs: true });
    feed.on('change', (change) => listener(change.deleted || !change.doc ? { _id: change.id, _deleted: true } : change.doc as CatalogDoc));
    feed.on('error', onError);
    return () => feed.cancel();
  };
}
