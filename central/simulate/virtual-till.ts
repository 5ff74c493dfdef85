// One virtual till: the real store-client (in-memory PouchDB, HLC clock, device-signed sales and
// returns, SyncManager with the POS's connection budget and watchdog fetch) replicating with central through its own
// loopback proxy, which the run cuts for the till's offline windows. Its first start is the POS's
// (open-till.ts): central's snapshots of the catalog and its store, then replication from their seq. It keeps every sale and
// return it wrote, so the check can find each at central exactly once and intact.
import {
  createClock, createNodePouch, createNodeTillFetch, firstStartHook, recordSale, snapshotFetch, SyncManager,
  type ApprovalSigner, type Clock, type Db, type DocSigner,
} from '../../store-client/index.js';
import type { Return, Sale } from '../../validators/index.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';
import { giveBackOne } from './give-back.js';
import type { Credentials } from './central-client.js';
import { POS_TILL_TIMINGS, type TillTimings } from './till-timings.js';

const PouchDB = createNodePouch();
let opened = 0;

export interface Product { sku: string; price: number }

export interface VirtualTillSetup {
  centralUrl: string;
  store: string;
  device: string;
  /** The store account it replicates as (a cashier or device account). */
  seller: Credentials;
  signer: DocSigner;
  /** How long it waits on central and how soon it retries; default the POS's (till-timings.ts). */
  timings?: TillTimings;
}

export class VirtualTill {
  readonly sold: Sale[] = [];
  readonly returned: Return[] = [];
  /** Sales a test hook kept out of the till's database: what the check must miss. */
  readonly dropped: Sale[] = [];
  manager!: SyncManager;
  local!: { store: Db; catalog: Db };
  private clock!: Clock;
  private proxy!: TcpProxy;
  online = true;

  constructor(readonly setup: VirtualTillSetup) {}

  get store(): string { return this.setup.store; }
  /** How long it waits on central and how soon it retries. */
  get timings(): TillTimings { return this.setup.timings ?? POS_TILL_TIMINGS; }
  get device(): string { return this.setup.device; }

  async start(): Promise<void> {
    const { centralUrl, store, device, seller } = this.setup;
    const target = new URL(centralUrl);
    this.proxy = await startTcpProxy(Number(target.port || (target.protocol === 'https:' ? 443 : 80)), target.hostname);
    const tag = `${process.pid}-${opened++}`;
    this.local = {
      store: new PouchDB(`sim-store-${tag}`, { adapter: 'memory' }) as unknown as Db,
      catalog: new PouchDB(`sim-catalog-${tag}`, { adapter: 'memory' }) as unknown as Db,
    };
    // As the POS does (open-till.ts): at most four connections to central (connection-budget), and
    // a request central leaves silent as long as the POS's watchdog allows is abandoned and the
    // phase restarted (watchdog-fetch), retried with the POS's back-off (till-timings.ts).
    const timings = this.timings;
    const { fetch } = createNodeTillFetch({ watchdog: timings.watchdog });
    const base = `${this.proxy.url}${target.pathname.replace(/\/$/, '')}`;
    const remote = (db: string) => new PouchDB(`${base}/db/${db}`, {
      auth: { username: seller.name, password: seller.password }, skip_setup: true, fetch,
    } as never) as unknown as Db;
    const remotes = { store: remote(`store-${store}`), catalog: remote('catalog') };
    // The snapshot requests go through the same proxy and connection budget as replication.
    const asSeller = { headers: { Authorization: 'Basic ' + Buffer.from(`${seller.name}:${seller.password}`).toString('base64') } };
    this.clock = await createClock(this.local.store, device);
    this.manager = new SyncManager({
      storeId: store, deviceId: device, local: this.local, clock: this.clock, remote: remotes,
      backoff: timings.backoff, heartbeatMs: timings.heartbeatMs,
      // As the POS: the first start loads central's snapshots (first-start-snapshot.ts) before
      // replication continues from their seq. Unlike the POS, no history window (no `stockBase`):
      // the check wants each till's replica of its store equal to central's whole store database.
      beforeSync: firstStartHook({ storeId: store, local: this.local, remote: remotes, fetch: snapshotFetch(base, asSeller, fetch) }),
    });
    await this.manager.start();
  }

  /** The till's network goes (every open connection reset, new ones refused) or comes back. */
  setOnline(online: boolean): void {
    this.online = online;
    if (online) this.proxy.heal();
    else this.proxy.cut();
  }

  /** `drop` (a test hook): the sale is made, signed and stamped like the others in a throw-away database, never synced. */
  async sell(random: () => number, products: readonly Product[], drop = false): Promise<Sale> {
    const lines = Array.from({ length: 1 + Math.floor(random() * 2) }, () => {
      const p = products[Math.floor(random() * products.length)]!;
      return { sku: p.sku, qty: 1 + Math.floor(random() * 2), unitPrice: p.price };
    });
    const total = lines.reduce((s, l) => s + l.qty * l.unitPrice, 0);
    const input = { lines, payments: [{ method: random() < 0.5 ? 'card' as const : 'cash' as const, amount: total }] };
    const target = drop ? new PouchDB(`sim-dropped-${process.pid}-${opened++}`, { adapter: 'memory' }) as unknown as Db : this.local.store;
    const sale = await recordSale(target, this.clock, this.context(), input);
    if (drop) {
      await target.destroy();
      this.dropped.push(sale);
    }
    this.sold.push(sale);
    return sale;
  }

  /** Gives back one unit of the first line of one of this till's own synced sales not given back yet. */
  async giveBack(random: () => number, approver: ApprovalSigner, manager: string): Promise<Return | undefined> {
    const taken = new Set([...this.returned.map((r) => r.sale), ...this.dropped.map((s) => s._id)]);
    const ret = await giveBackOne({ db: this.local.store, clock: this.clock, context: this.context(), sold: this.sold, taken, random, approver, manager });
    if (ret !== undefined) this.returned.push(ret);
    return ret;
  }

  /** Puts a dropped sale back in the till's database (a test repairing what it broke). */
  async restoreDropped(): Promise<void> {
    for (const sale of this.dropped.splice(0)) {
      const { _rev: _, ...fresh } = sale as Sale & { _rev?: string };
      await this.local.store.put(fresh as never);
    }
  }

  async stop(): Promise<void> {
    await this.manager.stop();
    await this.proxy.close();
    await this.local.store.destroy();
    await this.local.catalog.destroy();
  }

  private context() {
    return { store: this.store, device: this.device, cashier: this.setup.seller.name, signer: this.setup.signer };
  }
}
