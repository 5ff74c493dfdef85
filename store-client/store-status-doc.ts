// What a till's `store-status:<store>:<device>` document says, pure: built from the
// SyncManager's status, and compared on the fields that matter to an admin. The live
// replication's own timestamps (lastPush/lastPull move on every up-to-date check) are carried
// along when a write happens but never cause one, or the document would be rewritten forever.

import type { StoreStatus } from '../validators/index.js';
import type { SyncStatus } from './sync-status.js';

/** The document minus `_rev`, `updatedAt` and `updatedBy`, which the writer adds. */
export type StoreStatusBody = Omit<StoreStatus, '_rev' | 'updatedAt' | 'updatedBy'>;

const MAX_MESSAGE = 2000;

export function storeStatusId(store: string, device: string): string {
  return `store-status:${store}:${device}`;
}

export function storeStatusDoc(status: SyncStatus, ctx: { store: string; device: string }): StoreStatusBody {
  const doc: StoreStatusBody = {
    _id: storeStatusId(ctx.store, ctx.device),
    type: 'store-status',
    store: ctx.store,
    device: ctx.device,
    state: status.state,
    pending: status.pending,
  };
  if (status.lastPush) doc.lastPush = status.lastPush;
  if (status.lastPull) doc.lastPull = status.lastPull;
  // The schema keeps `message` for the states an admin must act on; offline's "fetch failed"
  // says nothing the state does not.
  if ((status.state === 'error' || status.state === 'denied') && status.error) {
    doc.message = status.error.message.slice(0, MAX_MESSAGE);
  }
  return doc;
}

/** Whether writing `next` over `current` would tell an admin something new. */
export function storeStatusChanged(current: Partial<StoreStatusBody> | undefined, next: StoreStatusBody): boolean {
  if (!current) return true;
  return current.state !== next.state || current.pending !== next.pending || current.message !== next.message;
}
