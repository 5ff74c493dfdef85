// The one service that owns this till: it boots from what the browser remembers (offline too),
// logs cashiers in (the first login enrolls the device key; a later one only renews the
// session), keeps the customers' keys, and answers the controllers. Elements never see a
// database; controllers call the singleton `till` below and subscribe to its snapshot. Over
// 150 lines because it is that one facade: most methods are one-line delegations.

import type { Return, Sale } from '../../../validators/types.js';
import {
  businessDay, initialStatus, recordSale, stockOf, stockOfMany, type CustomerKeys, type SaleInput, type SyncStatus,
} from '../../browser.js';
import { canApprove } from '../approval-rules.js';
import { posSettings } from '../pos-settings.js';
import { receiptOf, type ReceiptView } from '../receipt.js';
import { couchLogin, storeOf } from './central-api.js';
import { enrollThisDevice, fetchCustomerKeysToKeep } from './device-setup.js';
import { loadIdentity, saveIdentity, type TillIdentity } from './identity.js';
import { loadCustomerKeys, loadDeviceKey, type StoredDeviceKey } from './key-store.js';
import { approve, remember } from './manager-approval.js';
import { openTill, type OpenTill } from './open-till.js';
import { PosError } from './pos-error.js';

export type TillPhase = 'starting' | 'login' | 'ready';

export interface TillSnapshot {
  phase: TillPhase;
  identity: TillIdentity | undefined;
  status: SyncStatus;
  /** The first catalog download's progress, until it is done. */
  progress: { pulled: number; total: number } | undefined;
  catalogSize: number;
  /** Whether this device holds the customers' keys (customer look-up and registration). */
  customersReady: boolean;
}

class TillService {
  private open: OpenTill | undefined;
  private customerKeys: CustomerKeys | undefined;
  private snap: TillSnapshot = {
    phase: 'starting', identity: undefined, status: initialStatus, progress: undefined, catalogSize: 0, customersReady: false,
  };
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
    this.setCustomerKeys(await loadCustomerKeys().catch(() => undefined));
    if (identity && key?.enrolled && key.store === identity.store) await this.start(identity, key);
    else this.set({ phase: 'login' });
  }

  /** First login enrolls this browser; a later one (session expired) only renews the cookie. */
  async login(name: string, password: string): Promise<void> {
    const user = await couchLogin(name, password);
    const store = storeOf(user);
    if (!store) throw new PosError('login.errNoStore', {}, 403);
    let key = await loadDeviceKey();
    if (key && key.store !== store) throw new PosError('login.errOtherStore', { store: key.store }, 403);
    if (!key?.enrolled) key = await enrollThisDevice({ name, password }, store, key);
    const identity: TillIdentity = { store, device: key.device, cashier: user.name, roles: user.roles };
    saveIdentity(identity);
    // A manager who logs in here can later approve here while offline.
    if (canApprove(user.roles, store)) void remember(user, password).catch(() => undefined);
    void fetchCustomerKeysToKeep().then((keys) => this.setCustomerKeys(keys), (err: unknown) => {
      // Selling never depends on them: customers stay unavailable until a later login.
      console.warn('customer keys not fetched', err);
    });
    const open = this.open;
    if (open && open.identity.store === store) {
      open.identity = identity;
      open.ctx = { ...open.ctx, cashier: user.name };
      this.set({ identity, phase: 'ready' });
      await open.sync.stop();
      await open.sync.start();
      return;
    }
    await this.start(identity, key);
  }

  findProduct(code: string) {
    return this.open?.catalog.find(code);
  }

  /** Like findProduct, but right after a start it waits for the catalog index to be built. */
  async findProductSoon(code: string) {
    const now = this.findProduct(code);
    if (now || !this.open) return now;
    await this.open.indexed;
    return this.findProduct(code);
  }

  product(sku: string) {
    return this.open?.catalog.product(sku);
  }

  searchCatalog(text: string, limit?: number) {
    return this.open?.catalog.search(text, limit) ?? [];
  }

  /** This store's catalog entry (name, city, time zone), once the catalog has arrived. */
  storeInfo() {
    const o = this.open;
    return o && o.catalog.store(o.identity.store);
  }

  /** The ticket for a sale, return or void, with names and the store from the local catalog. */
  receipt(doc: Sale | Return, customerName?: string): ReceiptView {
    return receiptOf(doc, { product: (sku) => this.product(sku), store: this.storeInfo(), customerName });
  }

  /** Today's business day in this store's time zone. */
  today(): string {
    return businessDay(Date.now(), this.required().ctx.timeZone);
  }

  /** Whether the account at the till may approve discounts, returns and voids itself. */
  mayApprove(): boolean {
    const id = this.open?.identity;
    return id !== undefined && canApprove(id.roles, id.store);
  }

  /** The largest line discount (percent) a cashier gives without a manager (settings:pos). */
  cashierDiscountLimitPct(): number {
    return posSettings(this.open?.catalog.setting('pos')).cashierMaxDiscountPct;
  }

  /** A manager's approval at this till: their name, or a PosError saying why not. */
  approve(name: string, password: string): Promise<string> {
    return approve(name, password, this.required().identity.store);
  }

  get customers() {
    return this.required().customers;
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

  /** The till's opened databases, for the services built on them (sales-book). */
  required(): OpenTill {
    if (!this.open) throw new Error('the till is not open yet');
    return this.open;
  }

  private setCustomerKeys(keys: CustomerKeys | undefined): void {
    this.customerKeys = keys;
    this.set({ customersReady: keys !== undefined });
  }

  private async start(identity: TillIdentity, key: StoredDeviceKey): Promise<void> {
    this.open = await openTill(identity, key, {
      customerKeys: () => this.customerKeys,
      onCatalogChange: (catalogSize) => this.set({ catalogSize }),
      onProgress: (p) => this.set({ progress: p.pulled >= p.total ? undefined : p }),
    });
    this.open.sync.onStatus((status) => this.set({ status }));
    this.set({ phase: 'ready', identity });
    // Read by the benchmark: the sell screen is up, and (later) every product can be scanned.
    performance.mark('pos-ready');
    void this.open.indexed.then(() => performance.mark('pos-indexed'), (err: unknown) => console.error('catalog index failed', err));
    await this.open.sync.start();
    // Opened with no network (a reload offline): say so at once, not after a failed attempt.
    if (!navigator.onLine) this.open.sync.connectionLost();
  }

  private set(patch: Partial<TillSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const fn of this.listeners) fn(this.snap);
  }
}

export const till = new TillService();
