// How many connections one till holds to central at once (issue 13: "a till uses at most four
// connections"), counted below HTTP by a loopback proxy in front of a real central (embedded
// server, demo chain): the till's store, catalog and customers all go through it, as the POS's
// go to one origin. Three phases: a first start, live selling with edits arriving from central,
// and a reconnect with a backlog (500 sales, catalog and customer edits on both sides at once).
// The till is built as Node tills are (node-till-fetch.ts): the till's connection budget in
// front of a watchdog fetch, on an agent of its own. Every sale must reach central exactly once, unchanged.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import {
  createClock, createNodePouch, createNodeTillFetch, deviceSigner, generateDeviceKey, oldestPendingAt,
  recordSale, reportStatus, SyncManager, type Clock, type Db, type DocSigner,
} from '../../../store-client/index.js';
import { basic, startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';
import { startCountingProxy, type CountingProxy } from '../../helpers/connection-counting-proxy.js';
import { waitFor } from '../../helpers/wait-for.js';

const PouchDB = createNodePouch();
const STORE = 's1';
const BACKLOG_SALES = 500;
const LIMIT = 4;

interface Till { device: string; local: { store: Db; catalog: Db; customers: Db }; clock: Clock; signer: DocSigner; manager: SyncManager; stop(): Promise<void> }

describe('a till\'s connections to central (integration)', function () {
  this.timeout(300_000);
  let demo: DemoCentral;
  let proxy: CountingProxy;
  let till: Till;
  const sold = new Map<string, Record<string, unknown>>();
  /** A product no edit touches (editCatalog changes the first ones): a sale of it is not quarantined. */
  let product: { sku: string; price: number };
  const maxima: Record<string, number> = {};

  before(async () => {
    demo = await startDemoCentral();
    proxy = await startCountingProxy(demo.central.url);
  });
  after(async () => {
    console.log(`      most connections open at once, per phase: ${JSON.stringify(maxima)}`);
    await till?.stop();
    await proxy?.close();
    await demo?.stop();
  });

  const nano = () => demo.central.state.couch.nano;
  const stamp = () => `${new Date().toISOString()}-0000-central`;

  async function openTill(): Promise<Till> {
    const device = `${STORE}.conn-${process.pid}`;
    const key = await generateDeviceKey();
    const manager = demo.account('manager-s1');
    const enrolled = await fetch(`${demo.central.url}/api/devices`, {
      method: 'POST', headers: { ...basic(manager.name, manager.password), 'Content-Type': 'application/json' },
      body: JSON.stringify({ store: STORE, device, publicJwk: key.publicJwk }),
    });
    expect(enrolled.status, 'device enrolled').to.equal(201);
    const cashier = demo.account('cashier-s1');
    // One budget for the till, as open-till.ts: every remote's requests share its connections.
    const budget = createNodeTillFetch({ watchdog: { idleMs: 10_000, heartbeatMarginMs: 2_000 } });
    const remote = (db: string) => new PouchDB(`${proxy.url}/db/${db}`, {
      auth: { username: cashier.name, password: cashier.password }, skip_setup: true, fetch: budget.fetch,
    } as never) as unknown as Db;
    const tag = `${process.pid}-${randomUUID()}`;
    const local = {
      store: new PouchDB(`conn-store-${tag}`, { adapter: 'memory' }) as unknown as Db,
      catalog: new PouchDB(`conn-catalog-${tag}`, { adapter: 'memory' }) as unknown as Db,
      customers: new PouchDB(`conn-customers-${tag}`, { adapter: 'memory' }) as unknown as Db,
    };
    const clock = await createClock(local.store, device);
    const signer = deviceSigner(key);
    const sync = new SyncManager({
      storeId: STORE, deviceId: device, local, clock, backoff: { baseMs: 100, maxMs: 500 }, heartbeatMs: 3_000,
      remote: { store: remote(`store-${STORE}`), catalog: remote('catalog'), customers: remote('customers') },
    });
    const reporter = reportStatus(sync, local.store, {
      store: STORE, device, clock, signer, heartbeatMs: 2_000, minIntervalMs: 200,
      oldestPending: () => oldestPendingAt([local.store, local.customers], sync.pendingIds()),
      onError: (err) => console.warn(`      status not written: ${(err as Error).message}`),
    });
    return {
      device, local, clock, signer, manager: sync,
      async stop() {
        await reporter();
        await sync.stop();
        for (const db of Object.values(local)) await db.destroy();
      },
    };
  }

  async function sell(count: number, paceMs = 0): Promise<void> {
    for (let i = 0; i < count; i++) {
      const { sku, price } = product;
      const sale = await recordSale(till.local.store, till.clock, { store: STORE, device: till.device, cashier: 'cashier-s1', signer: till.signer }, {
        lines: [{ sku, qty: 1, unitPrice: price }], payments: [{ method: 'cash', amount: price }],
      });
      sold.set(sale._id, { ...sale });
      if (paceMs > 0) await new Promise((r) => setTimeout(r, paceMs));
    }
  }

  /** `count` products' prices changed at central; resolves with one changed id and its new price. */
  async function editCatalog(count: number): Promise<{ id: string; price: number }> {
    const rows = (await nano().use('catalog').list({ startkey: 'product:', endkey: 'product:\ufff0', limit: count, include_docs: true })).rows;
    const price = 7_000 + Math.floor(Math.random() * 1_000);
    await nano().use('catalog').bulk({ docs: rows.map((r) => ({ ...r.doc, price, updatedAt: stamp(), updatedBy: 'admin' })) as never[] });
    return { id: rows[0]!.id, price };
  }

  async function editCustomersAtCentral(count: number): Promise<string[]> {
    const docs = Array.from({ length: count }, (_, i) => ({ _id: `customer:${randomUUID()}`, type: 'customer', name: `Central ${i}`, updatedAt: stamp(), updatedBy: 'admin' }));
    await nano().use('customers').bulk({ docs: docs as never[] });
    return docs.map((d) => d._id);
  }

  async function editCustomersAtTill(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      await till.local.customers.put({ _id: `customer:${randomUUID()}`, type: 'customer', name: `Till ${i}`, updatedAt: await till.clock.next(), updatedBy: till.device } as never);
    }
  }

  const has = (db: Db, id: string, check: (doc: Record<string, unknown>) => boolean = () => true) =>
    db.get(id).then((doc) => check(doc as unknown as Record<string, unknown>), () => false);

  async function settled(what: string, extra: () => Promise<boolean> = async () => true): Promise<void> {
    await waitFor(async () => till.manager.status.state === 'online' && till.manager.status.pending === 0 && (await extra()), { timeoutMs: 180_000, what });
  }

  /** Every sale this till made is at central once, as it was written: its first revision, not quarantined. */
  async function everySaleOnce(): Promise<void> {
    const rows = (await nano().use(`store-${STORE}`).list({ startkey: `sale:${STORE}:`, endkey: `sale:${STORE}:\ufff0`, include_docs: true })).rows;
    const ours = rows.filter((r) => (r.doc as { device?: string }).device === till.device);
    expect(ours.map((r) => r.id).sort(), 'the till\'s sales at central').to.deep.equal([...sold.keys()].sort());
    for (const r of ours) {
      expect(r.value.rev, r.id).to.match(/^1-/);
      const { _rev: _, ...body } = r.doc as unknown as Record<string, unknown>;
      const { _rev: _w, ...written } = sold.get(r.id)!;
      expect(body, r.id).to.deep.equal(written);
    }
  }

  function phase(name: string): void {
    maxima[name] = proxy.maxOpen();
    expect(proxy.maxOpen(), `${name}: most connections open at once`).to.be.at.most(LIMIT);
  }

  it('on a first start', async () => {
    const last = (await nano().use('catalog').list({ startkey: 'product:\ufff0', endkey: 'product:', descending: true, limit: 1, include_docs: true })).rows[0]!;
    product = { sku: (last.doc as unknown as { sku: string }).sku, price: (last.doc as unknown as { price: number }).price };
    proxy.resetMax();
    till = await openTill();
    const central = await nano().use('catalog').info();
    await till.manager.start();
    await settled('the first sync', async () => (await till.local.catalog.info()).doc_count >= central.doc_count);
    phase('first start');
  });

  it('while live, selling with edits arriving from central', async () => {
    proxy.resetMax();
    const product = await editCatalog(5);
    const [customer] = await editCustomersAtCentral(1);
    await Promise.all([sell(30, 50), editCustomersAtTill(3)]);
    await settled('live sales up and edits down', async () =>
      (await has(till.local.catalog, product.id, (d) => d.price === product.price)) && has(till.local.customers, customer!));
    await everySaleOnce();
    phase('live');
  });

  it('on a reconnect with a backlog of 500 sales and edits on both sides', async () => {
    proxy.cut();
    await waitFor(() => till.manager.status.state === 'offline', { what: 'the till to notice it is offline' });
    await Promise.all([sell(BACKLOG_SALES), editCustomersAtTill(30)]);
    const product = await editCatalog(200);
    const customers = await editCustomersAtCentral(50);
    await waitFor(() => till.manager.status.pending >= BACKLOG_SALES + 30, { what: 'the backlog pending' });
    proxy.resetMax();
    proxy.heal();
    till.manager.retryNow();
    await settled('the backlog up and the edits down', async () =>
      (await has(till.local.catalog, product.id, (d) => d.price === product.price)) && has(till.local.customers, customers.at(-1)!));
    await everySaleOnce();
    phase('reconnect');
  });
});
