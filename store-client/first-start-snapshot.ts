// The one call a till makes before its first replication (SyncManagerOptions.beforeSync): each of
// its databases that has never been replicated is loaded from central's snapshot, in the
// SyncManager's order (store, catalog, customers), and its pull replication then continues from
// the snapshot's seq (store-client/snapshot). A database replicated before, or loaded before, is
// left alone at once (two local reads). A failure is thrown: the SyncManager retries the whole
// connect after its back-off, and the load resumes after its last written page.
import type { Db } from './pouch-types.js';
import { loadSnapshot, type LoadOutcome, type SnapshotFetch } from './snapshot/index.js';

export interface FirstStartOptions {
  storeId: string;
  local: { store: Db; catalog: Db; customers?: Db };
  remote: { store: Db; catalog: Db; customers?: Db };
  fetch: SnapshotFetch;
  /** The catalog's progress (the first start's progress bar). */
  onProgress?: (p: { pulled: number; total: number }) => void;
  signal?: AbortSignal;
}

export async function loadFirstStartSnapshots(o: FirstStartOptions): Promise<Record<string, LoadOutcome>> {
  const outcomes: Record<string, LoadOutcome> = {};
  const one = async (db: string, local: Db, remote: Db, onProgress?: FirstStartOptions['onProgress']) => {
    outcomes[db] = await loadSnapshot({ db, local, remote, fetch: o.fetch, ...(onProgress ? { onProgress } : {}), ...(o.signal ? { signal: o.signal } : {}) });
  };
  await one(`store-${o.storeId}`, o.local.store, o.remote.store);
  await one('catalog', o.local.catalog, o.remote.catalog, o.onProgress);
  if (o.local.customers && o.remote.customers) await one('customers', o.local.customers, o.remote.customers);
  return outcomes;
}

/** GET {base}/api/snapshot/:db?since= with these headers (Node; the POS uses its cookie, same origin). */
export function snapshotFetch(base: string, init: { headers?: Record<string, string>; credentials?: RequestCredentials } = {}): SnapshotFetch {
  return (db, since, signal) => fetch(`${base}/api/snapshot/${encodeURIComponent(db)}?since=${encodeURIComponent(String(since))}`, {
    ...init, ...(signal ? { signal } : {}),
  });
}
