// The one service that owns this till: it boots from what the browser remembers (offline too),
// logs cashiers in (the first login enrolls the device key, with a manager's authorization when
// a cashier logs in; a later one only renews the session), keeps the customers' keys, and
// answers the controllers. Elements never see a
// database; controllers call the singleton `till` below and subscribe to its snapshot. One tab
// of the browser sells at a time (tab-lock): a second one waits for the cashier to move the till
// there, and the tab that loses it stops syncing and says so. Over 150 lines because it is that
// one facade: most methods are one-line delegations.

import type { Return, Sale } from '../../../validators/types.js';
import {
  businessDay, initialStatus, recordSale, refreshStockView, stockOf, stockOfMany, type ApprovalSigner, type CustomerKeys, type SaleInput, type SyncStatus,
} from '../../browser.js';
import { canApprove } from '../approval-rules.js';
import { posSettings } from '../pos-settings.js';
import { receiptOf, type ReceiptView } from '../receipt.js';
import { couchLogin, storeOf, type CouchUser } from './central-api.js';
import { confirmManager, enrollThisDevice, fetchCustomerKeysToKeep, officeEnrolment, requestOfficeEnrolment } from './device-setup.js';
import { loadIdentity, saveIdentity, type TillIdentity } from './identity.js';
import { loadCustomerKeys, loadDeviceKey, type StoredDeviceKey } from './key-store.js';
import { approve, remember } from './manager-approval.js';
import { openTill, type OpenTill } from './open-till.js';
import { PosError } from './pos-error.js';
import { askPersistentStorage } from './storage-guard.js';
import { holdTillLock } from './tab-lock.js';
import { noWarnings, startUpkeep, type TillWarnings, type Upkeep } from './till-upkeep.js';

/** `elsewhere`: another tab of this browser sells; `taken-over`: one took the till from this tab. */
export type TillPhase = 'starting' | 'login' | 'ready' | 'elsewhere' | 'taken-over';

/** `needs-manager`: a cashier's first login here waits for a manager to authorize the enrolment. */
export type LoginOutcome = 'ready' | 'needs-manager';

export interface TillSnapshot {
  phase: TillPhase;
  identity: TillIdentity | undefined;
  status: SyncStatus;
  /** The first catalog download's progress, until it is done. */
  progress: { pulled: number; total: number } | undefined;
  catalogSize: number;
  /** Whether this device holds the customers' keys (customer look-up and registration). */
  customersReady: boolean;
  /** Storage the browser may evict, a device clock off central's. */
  warnings: TillWarnings;
}

class TillService {
  private open: OpenTill | undefined;
  private upkeep: Upkeep | undefined;
  /** Another tab took the till from this one (and this one has not taken it back). */
  private lockLost = false;
  private customerKeys: CustomerKeys | undefined;
  /** A cashier logged in (session cookie set) whose first login waits for a manager, or for head
   * office (the password stays in memory only until then: it signs the request and its checks). */
  private waiting: { user: CouchUser; store: string; password: string } | undefined;
  private snap: TillSnapshot = {
    phase: 'starting', identity: undefined, status: initialStatus, progress: undefined, catalogSize: 0, customersReady: false,
    warnings: noWarnings,
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
    if ((await holdTillLock('if-free', () => void this.lostTill())) === 'busy') {
      this.set({ phase: 'elsewhere' });
      return;
    }
    await this.bootHeld();
  }

  /** Another tab holds the till: take it from that tab and sell here. */
  async takeOver(): Promise<void> {
    await holdTillLock('steal', () => void this.lostTill());
    this.lockLost = false;
    const open = this.open;
    if (!open) return this.bootHeld();
    this.set({ phase: 'ready' });
    this.upkeep = startUpkeep(open, (warnings) => this.set({ warnings }));
    await open.sync.start();
  }

  /** Another tab took the till: stop syncing and reporting here (that tab does both now). */
  private async lostTill(): Promise<void> {
    this.lockLost = true;
    this.set({ phase: 'taken-over' });
    const upkeep = this.upkeep;
    this.upkeep = undefined;
    await upkeep?.stop().catch((err: unknown) => console.warn('till upkeep did not stop cleanly', err));
    await this.open?.sync.stop();
  }

  private async bootHeld(): Promise<void> {
    const identity = loadIdentity();
    const key = await loadDeviceKey().catch(() => undefined);
    this.setCustomerKeys(await loadCustomerKeys().catch(() => undefined));
    if (identity && key?.enrolled && key.store === identity.store) await this.start(identity, key);
    else this.set({ phase: 'login' });
  }

  /**
   * First login enrolls this browser — a manager's (or admin's) own login at once, a cashier's
   * once a manager authorizes it (`needs-manager`, then authorizeEnrolment); a later login
   * (session expired) only renews the cookie.
   */
  async login(name: string, password: string): Promise<LoginOutcome> {
    this.waiting = undefined;
    const user = await couchLogin(name, password);
    const store = storeOf(user);
    if (!store) throw new PosError('login.errNoStore', {}, 403);
    const key = await loadDeviceKey();
    if (key && key.store !== store) throw new PosError('login.errOtherStore', { store: key.store }, 403);
    if (key?.enrolled) return this.loggedIn(user, store, key, password);
    // Enrolment: ask now, while the cashier's click still counts as a user's gesture.
    void askPersistentStorage().catch((err: unknown) => console.warn('persistent storage could not be asked for', err));
    if (!canApprove(user.roles, store)) {
      this.waiting = { user, store, password };
      return 'needs-manager';
    }
    return this.loggedIn(user, store, await enrollThisDevice({ name, password }, store, key), password);
  }

  /** The store and cashier whose first login waits for a manager, if any. */
  get enrolmentWaiting(): { store: string; cashier: string } | undefined {
    return this.waiting && { store: this.waiting.store, cashier: this.waiting.user.name };
  }

  /** A manager of the store (or an admin) authorizes enrolling this browser for the cashier waiting. */
  async authorizeEnrolment(name: string, password: string): Promise<LoginOutcome> {
    const waiting = this.waiting;
    if (!waiting) throw new Error('no first login is waiting for a manager');
    const manager = await confirmManager({ name, password }, waiting.store);
    const key = await enrollThisDevice({ name, password }, waiting.store, await loadDeviceKey());
    this.waiting = undefined;
    // Confirmed online at this till: the manager can approve here offline from now on.
    this.keepApproverKey(manager, password, key.device);
    return this.loggedIn(waiting.user, waiting.store, key);
  }

  /** No manager at hand: asks head office to enrol this browser; the fingerprint to read to them. */
  async requestOfficeApproval(): Promise<{ keyId: string; device: string }> {
    const waiting = this.waiting;
    if (!waiting) throw new Error('no first login is waiting');
    const key = await requestOfficeEnrolment({ name: waiting.user.name, password: waiting.password }, waiting.store, await loadDeviceKey());
    return { keyId: key.keyId, device: key.device };
  }

  /** Asks central whether head office approved: `ready` (logged in), still `pending`, or `rejected`. */
  async checkOfficeApproval(): Promise<LoginOutcome | 'pending' | 'rejected'> {
    const waiting = this.waiting;
    const key = await loadDeviceKey();
    if (!waiting || !key) throw new Error('no request is waiting');
    const state = await officeEnrolment({ name: waiting.user.name, password: waiting.password }, key);
    if (state !== 'enrolled') return state;
    this.waiting = undefined;
    return this.loggedIn(waiting.user, waiting.store, { ...key, enrolled: true });
  }

  cancelEnrolment(): void {
    this.waiting = undefined;
  }

  private async loggedIn(user: CouchUser, store: string, key: StoredDeviceKey, password?: string): Promise<LoginOutcome> {
    const identity: TillIdentity = { store, device: key.device, cashier: user.name, roles: user.roles };
    saveIdentity(identity);
    // A manager who logs in here can later approve here while offline.
    if (password !== undefined && canApprove(user.roles, store)) this.keepApproverKey(user, password, key.device);
    void fetchCustomerKeysToKeep().then((keys) => this.setCustomerKeys(keys), (err: unknown) => {
      // Selling never depends on them: customers stay unavailable until a later login.
      console.warn('customer keys not fetched', err);
    });
    const open = this.open;
    if (open && open.identity.store === store) {
      open.identity = identity;
      open.ctx = { ...open.ctx, cashier: user.name };
      this.set({ identity, phase: 'ready' });
      // The new session cookie is the new credentials: a SyncManager refused before waits for
      // them (retry-plan) and reconnects only when told. A restart, not retryNow(): it also
      // supersedes a connect already under way whose requests went out without the cookie.
      await open.sync.stop();
      await open.sync.start();
      return 'ready';
    }
    await this.start(identity, key);
    return 'ready';
  }

  private keepApproverKey(user: CouchUser, password: string, device: string): void {
    // In the background: approving never waits for it, and the next online approval tries again.
    void remember(user, password, device).catch((err: unknown) => console.warn('approval key not kept', err));
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

  /** Today's business day in this store's time zone, by central's measured clock when known. */
  today(): string {
    const o = this.required();
    return businessDay(o.centralTime.now(), o.ctx.timeZone);
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

  /** The account at the till when it may approve itself (its name, to fill in), else undefined. */
  approverAtTill(): string | undefined {
    return this.mayApprove() ? this.snap.identity?.cashier : undefined;
  }

  /**
   * A manager's approval at this till: a signer for their key, to pass with the approved sale,
   * return or void and drop once it is recorded; or a PosError saying why not.
   */
  approve(name: string, password: string): Promise<ApprovalSigner> {
    const { store, device } = this.required().identity;
    return approve(name, password, { store, device });
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

  /** Brings the stock view up to date with what was written (after a sale's receipt is shown). */
  async refreshStock(): Promise<void> {
    await refreshStockView(this.required().local.store);
  }

  sell(input: SaleInput): Promise<Sale> {
    // Read by the benchmark: one `pos-sale:<step>` measure per step of each sale's write.
    let last = performance.now();
    const trace = (step: string) => {
      const now = performance.now();
      performance.measure(`pos-sale:${step}`, { start: last, end: now });
      last = now;
    };
    return this.recording((o) => {
      trace('queue');
      return recordSale(o.local.store, o.clock, { ...o.ctx, trace }, input);
    });
  }

  /** Runs a sale's, return's or void's write: only in the tab that sells, and never alongside a compaction. */
  async recording<T>(write: (o: OpenTill) => Promise<T>): Promise<T> {
    const o = this.required();
    if (this.snap.phase !== 'ready') throw new PosError('tab.errNotHere', {}, 409);
    return this.upkeep ? this.upkeep.writing(() => write(o)) : write(o);
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
    // Another tab took the till while this one was opening: it stays open here, but idle.
    if (this.lockLost) {
      this.set({ identity });
      return;
    }
    this.set({ phase: 'ready', identity });
    this.upkeep = startUpkeep(this.open, (warnings) => this.set({ warnings }));
    // Read by the benchmark: the sell screen is up, and (later) every product can be scanned.
    performance.mark('pos-ready');
    void this.open.indexed.then(() => performance.mark('pos-indexed'), (err: unknown) => console.error('catalog index failed', err));
    await this.open.sync.start();
    if (this.lockLost) await this.open.sync.stop();
    // Opened with no network (a reload offline): say so at once, not after a failed attempt.
    if (!navigator.onLine) this.open.sync.connectionLost();
  }

  private set(patch: Partial<TillSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const fn of this.listeners) fn(this.snap);
  }
}

export const till = new TillService();
