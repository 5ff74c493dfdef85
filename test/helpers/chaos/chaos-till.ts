// One simulated till for fault and chaos scenarios: real store-client modules (LevelDB PouchDB
// in a temp folder, HLC clock, device-signed sales, SyncManager) replicating with a real central
// through its own fault proxy. It remembers every sale and return it wrote, so the invariants can
// check each arrived at central exactly once with its body intact.
import { cp, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  createClock, createNodePouch, createNodeTillFetch, recordSale, SyncManager,
  type ApprovalSigner, type Clock, type Db, type DocSigner,
} from '../../../store-client/index.js';
import type { Return, Sale } from '../../../validators/index.js';
import type { FaultProxy } from '../fault-proxy.js';
import { giveBackOne } from '../../../central/simulate/give-back.js';

const PouchDB = createNodePouch();

export interface TillSetup {
  store: string;
  device: string;
  dir: string;
  proxy: FaultProxy;
  account: { username: string; password: string };
  signer: DocSigner;
  /** The device clock, for clock-skew scenarios (default Date.now). */
  now?: () => number;
}

export interface Product { sku: string; price: number }

export class ChaosTill {
  readonly sold: Sale[] = [];
  readonly returned: Return[] = [];
  manager!: SyncManager;
  local!: { store: Db; catalog: Db };
  clock!: Clock;
  private open = false;
  /** Added to Date.now() by the device clock (a clock jump). */
  skewMs = 0;

  constructor(readonly setup: TillSetup) {}

  get store(): string { return this.setup.store; }
  get device(): string { return this.setup.device; }
  get running(): boolean { return this.open; }
  now = (): number => (this.setup.now ?? Date.now)() + this.skewMs;

  /** Opens the local databases (LevelDB, kept across restarts) and starts syncing. */
  async start(): Promise<void> {
    const { dir, proxy, account, store, device } = this.setup;
    await mkdir(dir, { recursive: true });
    this.local = {
      store: new PouchDB(path.join(dir, 'store'), { adapter: 'leveldb' }) as Db,
      catalog: new PouchDB(path.join(dir, 'catalog'), { adapter: 'leveldb' }) as Db,
    };
    // As the POS does (open-till.ts): at most four connections to central (connection-budget), and
    // a request central leaves silent is abandoned and the phase restarted (watchdog-fetch).
    const { fetch } = createNodeTillFetch({ watchdog: { idleMs: 10_000, heartbeatMarginMs: 2_000 } });
    const remote = (db: string) => new PouchDB(`${proxy.url}/db/${db}`, { auth: account, skip_setup: true, fetch } as never) as Db;
    this.clock = await createClock(this.local.store, device, { now: this.now });
    this.manager = new SyncManager({
      storeId: store, deviceId: device, local: this.local, clock: this.clock, now: this.now,
      remote: { store: remote(`store-${store}`), catalog: remote('catalog') },
      backoff: { baseMs: 100, maxMs: 1_000 }, heartbeatMs: 2_000,
    });
    await this.manager.start();
    this.open = true;
  }

  /** Stops syncing and closes the databases, as a closed browser tab would. */
  async stop(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    await this.manager.stop();
    await this.local.store.close();
    await this.local.catalog.close();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Copies the local databases aside (the till must be stopped). */
  async backup(to: string): Promise<void> {
    await cp(this.setup.dir, to, { recursive: true });
  }

  /** Puts a backup back in place of the local databases (the till must be stopped). */
  async restore(from: string): Promise<void> {
    await rm(this.setup.dir, { recursive: true, force: true });
    await cp(from, this.setup.dir, { recursive: true });
  }

  async sell(random: () => number, products: readonly Product[]): Promise<Sale> {
    const count = 1 + Math.floor(random() * 2);
    const lines = Array.from({ length: count }, () => {
      const p = products[Math.floor(random() * products.length)]!;
      return { sku: p.sku, qty: 1 + Math.floor(random() * 2), unitPrice: p.price };
    });
    const total = lines.reduce((s, l) => s + l.qty * l.unitPrice, 0);
    const sale = await recordSale(this.local.store, this.clock, this.context(), {
      lines, payments: [{ method: random() < 0.5 ? 'card' : 'cash', amount: total }],
    });
    this.sold.push(sale);
    return sale;
  }

  /** Gives back one unit of the first line of one of this till's own sales not given back yet. */
  async giveBack(random: () => number, approver: ApprovalSigner, manager: string): Promise<Return | undefined> {
    const taken = new Set(this.returned.map((r) => r.sale));
    const ret = await giveBackOne({ db: this.local.store, clock: this.clock, context: this.context(), sold: this.sold, taken, random, approver, manager });
    if (ret !== undefined) this.returned.push(ret);
    return ret;
  }

  private context() {
    return { store: this.store, device: this.device, cashier: `cashier-${this.store}`, now: this.now, signer: this.setup.signer };
  }
}
