// The one module that owns this till's databases: local IndexedDB copies of `store-<id>` and
// `catalog`, their http twins at central (`/db`, same origin, AuthSession cookie), the
// SyncManager, the clock and the device signer. Elements never see a database; controllers
// call the singleton `till` below and subscribe to its changes.

import type { Sale } from '../../../validators/types.js';
import {
  SyncManager, createBrowserPouch, createClock, deviceSigner, generateDeviceKey, initialStatus, recordSale, stockOf, stockOfMany,
  type Clock, type Db, type SaleInput, type SyncStatus, type TillContext,
} from '../../browser.js';
import { CatalogIndex } from './catalog-index.js';
import { LoginError, couchLogin, enrollDevice, storeOf } from './central-api.js';
import { loadIdentity, newDeviceId, saveIdentity, type TillIdentity } from './identity.js';
import { loadDeviceKey, saveDeviceKey, type StoredDeviceKey } from './key-store.js';

export type TillPhase = 'starting' | 'login' | 'ready';

export interface TillSnapshot {
  phase: TillPhase;
  identity: TillIdentity | undefined;
  status: SyncStatus;
  /** The first catalog download's progress, until it is done. */
  progress: { pulled: number; total: number } | undefined;
  catalogSize: number;
}

interface Open {
  identity: TillIdentity;
  local: { store: Db; catalog: Db };
  sync: SyncManager;
  clock: Clock;
  ctx: TillContext;
  catalog: CatalogIndex;
}

class TillService {
  private open: Open | undefined;
  private snap: TillSnapshot = { phase: 'starting', identity: undefined, status: initialStatus, progress: undefined, catalogSize: 0 };
  private readonly listeners = new Set<(s: TillSnapshot) => void>();

  get snapshot(): TillSnapshot {
    return this.snap;
  }

  subscribe(fn: (s: TillSnapshot) => void): () => void {
    this.listeners.add(fn);
    fn(this.snap);
    return () => this.listeners.delete(fn);
  }

  /** Reopens a till set up earlier on this browser (works offline); else asks for a login. */
  async boot(): Promise<void> {
    const identity = loadIdentity();
    const key = await loadDeviceKey().catch(() => undefined);
    if (identity && key?.enrolled && key.store === identity.store) await this.openTill(identity, key);
    else this.set({ phase: 'login' });
  }

  /** First login enrolls this browser; a later one (session expired) only renews the cookie. */
  async login(name: string, password: string): Promise<void> {
    const user = await couchLogin(name, password);
    const store = storeOf(user);
    if (!store) throw new LoginError('Esta cuenta no pertenece a ninguna tienda.', 403);
    let key = await loadDeviceKey();
    if (key && key.store !== store) throw new LoginError(`Este equipo está registrado en la tienda ${key.store}.`, 403);
    if (!key?.enrolled) key = await this.enroll({ name, password }, store, key);
    const identity = { store, device: key.device, cashier: user.name };
    saveIdentity(identity);
    if (this.open && this.open.identity.store === store) {
      this.open.identity = identity;
      this.open.ctx = { ...this.open.ctx, cashier: user.name };
      this.set({ identity, phase: 'ready' });
      await this.open.sync.stop();
      await this.open.sync.start();
      return;
    }
    await this.openTill(identity, key);
  }

  findProduct(code: string) {
    return this.open?.catalog.find(code);
  }

  searchCatalog(text: string, limit?: number) {
    return this.open?.catalog.search(text, limit) ?? [];
  }

  /** Stock on hand at this store for each SKU (0 when none was ever moved). */
  async stockOfMany(skus: string[]): Promise<Record<string, number>> {
    const o = this.required();
    return stockOfMany(o.local.store, o.identity.store, skus);
  }

  async stockOf(sku: string): Promise<number> {
    const o = this.required();
    return stockOf(o.local.store, o.identity.store, sku);
  }

  async sell(input: SaleInput): Promise<Sale> {
    const o = this.required();
    return recordSale(o.local.store, o.clock, o.ctx, input);
  }

  private async enroll(credentials: { name: string; password: string }, store: string, existing?: StoredDeviceKey): Promise<StoredDeviceKey> {
    const key: StoredDeviceKey = existing ?? { ...(await generateDeviceKey()), store, device: newDeviceId(store), enrolled: false };
    await saveDeviceKey(key);
    await enrollDevice(credentials, { store, device: key.device, publicJwk: key.publicJwk });
    const enrolled = { ...key, enrolled: true };
    await saveDeviceKey(enrolled);
    return enrolled;
  }

  private async openTill(identity: TillIdentity, key: StoredDeviceKey): Promise<void> {
    const PouchDB = createBrowserPouch();
    const remote = (db: string) => new PouchDB(`${location.origin}/db/${db}`, { adapter: 'http', skip_setup: true });
    const local = { store: new PouchDB(`pronto-store-${identity.store}`, { adapter: 'idb' }), catalog: new PouchDB('pronto-catalog', { adapter: 'idb' }) };
    const clock = await createClock(local.store, identity.device);
    const catalog = new CatalogIndex(local.catalog, () => this.set({ catalogSize: catalog.size }));
    const sync = new SyncManager({
      storeId: identity.store, deviceId: identity.device, local,
      remote: { store: remote(`store-${identity.store}`), catalog: remote('catalog') },
      clock,
      backoff: { maxMs: 30_000 },
      onProgress: (p) => this.set({ progress: p.pulled >= p.total ? undefined : p }),
    });
    const ctx: TillContext = { store: identity.store, device: identity.device, cashier: identity.cashier, signer: deviceSigner(key) };
    this.open = { identity, local, sync, clock, ctx, catalog };
    sync.onStatus((status) => this.set({ status }));
    // The browser knows about the network before a long-poll times out: tell the SyncManager.
    window.addEventListener('offline', () => sync.connectionLost());
    window.addEventListener('online', () => sync.retryNow());
    await catalog.start();
    this.set({ phase: 'ready', identity });
    await sync.start();
  }

  private required(): Open {
    if (!this.open) throw new Error('the till is not open yet');
    return this.open;
  }

  private set(patch: Partial<TillSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const fn of this.listeners) fn(this.snap);
  }
}

export const till = new TillService();
