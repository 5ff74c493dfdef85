// The one call a till makes before its first replication (SyncManagerOptions.beforeSync): each of
// its databases that has never been replicated is loaded from central's snapshot (the three side by
// side), and its pull replication then continues from
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
  // Side by side: each waits on central and the network in turns, and they share nothing.
  const loads = [
    one(`store-${o.storeId}`, o.local.store, o.remote.store),
    one('catalog', o.local.catalog, o.remote.catalog, o.onProgress),
    ...(o.local.customers && o.remote.customers ? [one('customers', o.local.customers, o.remote.customers)] : []),
  ];
  const failed = (await Promise.allSettled(loads)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return outcomes;
}

/**
 * The SyncManager's `beforeSync` for these options: a connect that starts while a load is still
 * running (a restart for new settings:sync, which the snapshot itself may bring) joins that load
 * instead of racing it on the same databases.
 */
export function firstStartHook(o: FirstStartOptions): () => Promise<Record<string, LoadOutcome>> {
  let running: Promise<Record<string, LoadOutcome>> | undefined;
  return () => {
    running ??= loadFirstStartSnapshots(o).finally(() => { running = undefined; });
    return running;
  };
}

/** GET {base}/api/snapshot/:db?since= with these headers (Node; the POS uses its cookie, same origin). */
export function snapshotFetch(base: string, init: { headers?: Record<string, string>; credentials?: RequestCredentials } = {}): SnapshotFetch {
  return (db, since, signal) => fetch(`${base}/api/snapshot/${encodeURIComponent(db)}?since=${encodeURIComponent(String(since))}`, {
    ...init, ...(signal ? { signal } : {}),
  });
}
