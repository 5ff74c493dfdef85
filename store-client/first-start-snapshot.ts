// The one call a till makes before its first replication (SyncManagerOptions.beforeSync): each of
// its databases that has never been replicated is loaded from central's snapshot (the three side by
// side), and its pull replication then continues from
// the snapshot's seq (store-client/snapshot). A database replicated before, or loaded before, is
// left alone at once (two local reads). A failure is thrown: the SyncManager retries the whole
// connect after its back-off, and the load resumes after its last written page. Before its store
// snapshot, with `stockBase`, an empty till fixes its history window (history-window.ts): the
// store's snapshot, and every pull after it, then carry only the window and central's stock base.
import type { Db } from './pouch-types.js';
import { loadSnapshot, PROGRESS_ID, pullReplicationId, type LoadOutcome, type SnapshotFetch, type SnapshotPageSink } from './snapshot/index.js';
import { hasCheckpoint } from './snapshot/replication-checkpoint.js';
import { fixHistoryWindow, readHistoryWindow, type HistoryWindow } from './history-window.js';
import { isNotFound } from './pouch-types.js';
import { syncSettings, SYNC_SETTINGS_ID } from './sync-settings.js';
import { ProntoError } from '../validators/errors.js';
import { stockViewWarmer } from './warm-stock-view.js';
import type { BeforeSyncHooks } from './sync-manager.js';

/** GET /api/stock-base/:store/:cutoff, with the caller's auth (central publishes the base if it has none). */
export type StockBaseFetch = (store: string, cutoff: string, signal?: AbortSignal) => Promise<Response>;

export interface FirstStartOptions {
  storeId: string;
  local: { store: Db; catalog: Db; customers?: Db };
  remote: { store: Db; catalog: Db; customers?: Db };
  fetch: SnapshotFetch;
  /** Handed the catalog's pages as they are written (the POS's catalog index: CatalogIndex.snapshotPages). */
  catalogPages?: SnapshotPageSink;
  /** The catalog's progress (the first start's progress bar). */
  onProgress?: (p: { pulled: number; total: number }) => void;
  signal?: AbortSignal;
  /** Central's stock bases: given, an empty till keeps a history window instead of the store's whole past. */
  stockBase?: StockBaseFetch;
  now?: () => number;
  /** Told the revisions each page brought, per local database: central has them (the SyncManager's pending count). */
  onDelivered?: BeforeSyncHooks['delivered'];
}

export async function loadFirstStartSnapshots(o: FirstStartOptions): Promise<Record<string, LoadOutcome>> {
  const outcomes: Record<string, LoadOutcome> = {};
  const warmer = stockViewWarmer(o.local.store);
  const one = async (db: string, local: Db, remote: Db, onProgress?: FirstStartOptions['onProgress'], w?: Promise<HistoryWindow | undefined>, storeLanes?: boolean, pages?: SnapshotPageSink) => {
    const window = await w;
    const which = db === 'catalog' || db === 'customers' ? db : 'store';
    const onDelivered = o.onDelivered && ((docs: readonly { _id: string; _rev: string }[]) => o.onDelivered!(which, docs));
    outcomes[db] = await loadSnapshot({ db, local, remote, fetch: o.fetch, ...(onProgress ? { onProgress } : {}), ...(o.signal ? { signal: o.signal } : {}), ...(window ? { window } : {}), ...(storeLanes ? { storeLanes } : {}), ...(onDelivered ? { onDelivered } : {}), ...(pages ? { pages } : {}) });
  };
  // Side by side: each waits on central and the network in turns, and they share nothing. Only
  // the store's load waits for the history window (its round trips to central); the catalog's,
  // the longest, starts at once.
  const loads = [
    // The store's pushes then start past what its snapshot delivered (snapshot/pass-delivered),
    // and its stock view is built page by page as they land (warm-stock-view).
    one(`store-${o.storeId}`, o.local.store, o.remote.store, () => warmer.trigger(), historyWindow(o), true),
    one('catalog', o.local.catalog, o.remote.catalog, o.onProgress, undefined, false, o.catalogPages),
    ...(o.local.customers && o.remote.customers ? [one('customers', o.local.customers, o.remote.customers)] : []),
  ];
  const settled = await Promise.allSettled(loads);
  await warmer.settled();
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return outcomes;
}

/** The till's window: fixed now when it is empty and central publishes bases, else as decided before. */
async function historyWindow(o: FirstStartOptions): Promise<HistoryWindow | undefined> {
  const ask = o.stockBase;
  if (!ask) return readHistoryWindow(o.local.store);
  return fixHistoryWindow({
    local: o.local.store, storeId: o.storeId, now: (o.now ?? Date.now)(),
    historyDays: async () => (await syncSettingsNow(o.remote.catalog)).historyDays,
    fresh: () => isEmptyTill(o.local.store, o.remote.store),
    ensureBase: async (cutoff) => {
      const res = await ask(o.storeId, cutoff, o.signal);
      await res.body?.cancel();
      // 404: a central without stock bases; the till keeps the whole history, as before.
      if (res.status === 404) return false;
      if (!res.ok) throw Object.assign(new ProntoError(res.status === 401 || res.status === 403 ? 'SYNC_DENIED' : 'SYNC_OFFLINE', `central answered ${res.status} for the stock base from ${cutoff}`, { status: res.status }), { status: res.status });
      return true;
    },
  });
}

/** Nothing of the store was loaded (no snapshot progress) or replicated (no pull checkpoint) here. */
async function isEmptyTill(local: Db, remote: Db): Promise<boolean> {
  try {
    await local.get(PROGRESS_ID);
    return false;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  return !(await hasCheckpoint(local, await pullReplicationId(local, remote)));
}

/** settings:sync as central has it now (the catalog is not here yet at a first start). */
async function syncSettingsNow(catalog: Db) {
  try {
    return syncSettings(((await catalog.get(SYNC_SETTINGS_ID)) as { value?: unknown }).value);
  } catch (err) {
    if (isNotFound(err)) return syncSettings(undefined);
    throw err;
  }
}

/**
 * The SyncManager's `beforeSync` for these options: a connect that starts while a load is still
 * running (a restart for new settings:sync, which the snapshot itself may bring) joins that load
 * instead of racing it on the same databases.
 */
export function firstStartHook(o: FirstStartOptions): (hooks?: BeforeSyncHooks) => Promise<Record<string, LoadOutcome>> {
  let running: Promise<Record<string, LoadOutcome>> | undefined;
  return (hooks) => {
    running ??= loadFirstStartSnapshots({ ...o, ...(hooks ? { onDelivered: hooks.delivered } : {}) }).finally(() => { running = undefined; });
    return running;
  };
}

/**
 * GET {base}/api/snapshot/:db?since=[&from=] with these headers (Node; the POS uses its cookie, same
 * origin), through `fetchImpl` (a Node till's connection budget, node-till-fetch.ts; default fetch).
 */
export function snapshotFetch(base: string, init: { headers?: Record<string, string>; credentials?: RequestCredentials } = {}, fetchImpl: typeof fetch = fetch): SnapshotFetch {
  return (db, since, signal, from) => fetchImpl(`${base}/api/snapshot/${encodeURIComponent(db)}?since=${encodeURIComponent(String(since))}${from ? `&from=${encodeURIComponent(from)}` : ''}`, {
    ...init, ...(signal ? { signal } : {}),
  });
}

/** GET {base}/api/stock-base/:store/:cutoff with these headers (as snapshotFetch). */
export function stockBaseFetch(base: string, init: { headers?: Record<string, string>; credentials?: RequestCredentials } = {}, fetchImpl: typeof fetch = fetch): StockBaseFetch {
  return (store, cutoff, signal) => fetchImpl(`${base}/api/stock-base/${encodeURIComponent(store)}/${encodeURIComponent(cutoff)}`, {
    ...init, ...(signal ? { signal } : {}),
  });
}
