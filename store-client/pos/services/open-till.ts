// Opens one till's databases and the parts that work on them: local IndexedDB copies of
// `store-<id>`, `catalog` and `customers`, their http twins at central (`/db`, same origin,
// AuthSession cookie), the clock (following remote stamps only within `settings:pos`'s
// maxClockSkewMin, read as the setting changes, and ticking on central's measured time once
// known: central-time), the in-memory catalog and customer indexes (built in the
// background), and the SyncManager, which follows the admin's settings:sync (batch sizes,
// back-off, heartbeat) as the catalog brings it. The TillService owns what this returns.

import { createWatchdogFetch } from '../../watchdog-fetch.js';
import { createConnectionBudget } from '../../connection-budget.js';
import { STORE_DB_OPTIONS } from '../../store-db-options.js';
import {
  CentralTime, SyncManager, createBrowserPouch, createClock, deviceSigner, firstStartHook, followSyncSettings, snapshotFetch, stockBaseFetch, type Clock, type CustomerKeys, type Db, type TillContext,
} from '../../browser.js';
import viewFunctions from 'virtual:pronto-view-functions';
import { posSettings } from '../pos-settings.js';
import { CatalogIndex } from './catalog-index.js';
import { CustomerDirectory } from './customer-directory.js';
import type { TillIdentity } from './identity.js';
import type { StoredDeviceKey } from './key-store.js';

export interface OpenTill {
  identity: TillIdentity;
  local: { store: Db; catalog: Db; customers: Db };
  /** The store database at central: where a sale older than the till's history window is read for a return. */
  remoteStore: Db;
  sync: SyncManager;
  clock: Clock;
  /** Central's time as last measured (till-upkeep measures it); the corrected clock. */
  centralTime: CentralTime;
  ctx: TillContext;
  catalog: CatalogIndex;
  customers: CustomerDirectory;
  /** Settles once the in-memory catalog and customer indexes are first built. */
  indexed: Promise<void>;
}

export interface OpenTillHooks {
  customerKeys(): CustomerKeys | undefined;
  onCatalogChange(size: number): void;
  onProgress(progress: { pulled: number; total: number }): void;
}

export async function openTill(identity: TillIdentity, key: StoredDeviceKey, hooks: OpenTillHooks): Promise<OpenTill> {
  const PouchDB = createBrowserPouch(viewFunctions);
  // One connection budget for the three remotes: at most four requests to central at once, three
  // of them long-polls, sales first (connection-budget.ts), leaving the browser's other two
  // connections to this host for snapshots, time and the rest. Inside it, the watchdog abandons a
  // request central leaves silent (a dead connection), so sync restarts.
  const budget = createConnectionBudget({ fetch: createWatchdogFetch() });
  const remote = (db: string) => new PouchDB(`${location.origin}/db/${db}`, { adapter: 'http', skip_setup: true, fetch: budget.fetch });
  const local = {
    store: new PouchDB(`pronto-store-${identity.store}`, { adapter: 'idb', ...STORE_DB_OPTIONS }),
    catalog: new PouchDB('pronto-catalog', { adapter: 'idb' }),
    customers: new PouchDB('pronto-customers', { adapter: 'idb' }),
  };
  const remotes = { store: remote(`store-${identity.store}`), catalog: remote('catalog'), customers: remote('customers') };
  const catalogIndex: CatalogIndex = new CatalogIndex(local.catalog, () => {
    const zone = catalogIndex.store(identity.store)?.timezone;
    if (zone) open.ctx = { ...open.ctx, timeZone: zone };
    hooks.onCatalogChange(catalogIndex.size);
  });
  const maxDriftMs = () => posSettings(catalogIndex.setting('pos')).maxClockSkewMin * 60_000;
  const centralTime = new CentralTime();
  const clock = await createClock(local.store, identity.device, { maxDriftMs, reference: () => centralTime.reference() });
  const open: OpenTill = {
    remoteStore: remotes.store,
    identity, local, clock, centralTime, indexed: Promise.resolve(),
    ctx: { store: identity.store, device: identity.device, cashier: identity.cashier, signer: deviceSigner(key), now: () => centralTime.now() },
    catalog: catalogIndex,
    customers: new CustomerDirectory(local.customers, clock, hooks.customerKeys, () => open.identity.cashier),
    sync: new SyncManager({
      storeId: identity.store, deviceId: identity.device, local, remote: remotes,
      clock,
      // Last push / pull times by central's measured clock: reported to central, compared there.
      now: () => centralTime.now(),
      backoff: { maxMs: 30_000 },
      onProgress: hooks.onProgress,
      // A first start loads central's snapshots before replicating (first-start-snapshot.ts).
      beforeSync: firstStartHook({
        storeId: identity.store, local, remote: remotes, onProgress: hooks.onProgress,
        // The catalog index is handed each page the load writes, not read back from IndexedDB.
        catalogPages: catalogIndex.snapshotPages(),
        fetch: snapshotFetch(location.origin, { credentials: 'same-origin' }),
        // An empty till keeps a window of its store's history plus central's stock base (history-window.ts).
        stockBase: stockBaseFetch(location.origin, { credentials: 'same-origin' }),
      }),
    }),
  };
  // Before sync starts: a till opened offline replicates with the settings it last pulled; later
  // revisions come through the catalog index's feed (no second live feed on the catalog).
  await followSyncSettings(local.catalog, open.sync, undefined, (listener) => open.catalog.follow(listener)).ready;
  // The browser knows about the network before a long-poll times out: tell the SyncManager.
  window.addEventListener('offline', () => open.sync.connectionLost());
  // A till refused by central keeps waiting for a login (pos-login, then TillService.loggedIn).
  window.addEventListener('online', () => open.sync.connectionRestored());
  // Not awaited: reading 20,000 products out of IndexedDB takes about a second, and the sell
  // screen should not wait for it; a scan in that second waits instead (TillService.find).
  open.indexed = Promise.all([open.catalog.start(), open.customers.start()]).then(() => undefined);
  return open;
}
