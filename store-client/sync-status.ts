// The SyncManager's observable status, as plain data the POS can render and persist as a
// `store-status` document.

export type SyncState = 'online' | 'offline' | 'syncing' | 'error' | 'denied';

export interface SyncStatus {
  readonly state: SyncState;
  /** Documents written here and not yet at central (refused ones are in `refused`, not here). */
  readonly pending: number;
  /** ISO time of the last successful push activity (or up-to-date check). */
  readonly lastPush: string | null;
  readonly lastPull: string | null;
  readonly error: { readonly code: string; readonly message: string } | null;
  /** Consecutive failed (re)connects; 0 after a successful one. */
  readonly attempt: number;
  /** Documents central refused that are still on this till, oldest first (survives a restart). */
  readonly refused: readonly RefusedDoc[];
}

export const initialStatus: SyncStatus = Object.freeze({
  state: 'offline',
  pending: 0,
  lastPush: null,
  lastPull: null,
  error: null,
  attempt: 0,
  refused: [],
});

/** A document central refused (validate_doc_update `forbidden`): it stays on the till and needs
 * attention — it is neither pending upload nor done. */
export interface RefusedDoc {
  readonly db: 'store' | 'customers';
  readonly id: string;
  /** The refused revision (not necessarily the document's current one). */
  readonly rev: string;
  readonly reason: string;
  /** ISO time central refused it (first seen). */
  readonly at: string;
}

export type SyncStatusListener = (status: SyncStatus) => void;

/** The part of the status that outlives a restart (kept in `_local/sync-times`). */
export type SyncTimes = Pick<SyncStatus, 'lastPush' | 'lastPull'>;
