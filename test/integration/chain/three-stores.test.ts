// Three stores and central in one process, over real HTTP on loopback. One store is cut off (a
// TCP proxy that resets every connection), sells 100 pairs while the others keep selling, then
// reconnects: every sale must be at central exactly once, stock views must agree at central and
// in every store with the arithmetic of what was sold, and pending must reach 0.
import { expect } from 'chai';
import { embeddedOrSkip, startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy.js';
import { waitFor } from '../../helpers/wait-for.js';
import { mulberry32 } from '../../../central/demo/prng.js';
import { buildMove, createClock, createNodePouch, recordSale, SyncManager, type Clock, type Db } from '../../../store-client/index.js';
import type { Product, Sale } from '../../../validators/index.js';

const PouchDB = createNodePouch();
const SKUS = Array.from({ length: 20 }, (_, i) => `CH-${String(i).padStart(2, '0')}-25.5`);
const OPENING = 50;

interface Till { id: string; proxy: TcpProxy; local: { store: Db; catalog: Db }; clock: Clock; manager: SyncManager; sold: Sale[] }

describe('three stores and central (integration)', function () {
  this.timeout(180_000);
  let couch: TestCouch;
  const tills: Till[] = [];
  const random = mulberry32(Number(process.env.SEED ?? 424242));

  before(async function () {
    couch = await startTestCouch();
    const stamp = `${new Date().toISOString()}-0000-central`;
    await couch.nano.use('catalog').bulk({ docs: SKUS.map((sku, i) => product(sku, 50_000 + i * 1_000, stamp)) as never[] });
    for (const id of ['s1', 's2', 's3']) {
      const store = await couch.createStore(id);
      const opening = buildMove({ kind: 'opening', lines: SKUS.map((sku) => ({ sku, qty: OPENING })) }, { store: id, device: 'central', stamp });
      await couch.nano.use(`store-${id}`).insert(opening as never);
      const proxy = await startTcpProxy(Number(new URL(couch.url).port));
      const remote = (url: string) => new PouchDB(url.replace(couch.url, proxy.url), { auth: store.account, skip_setup: true } as never);
      const local = { store: new PouchDB(`chain-${id}-${Date.now()}`, { adapter: 'memory' }), catalog: new PouchDB(`chain-cat-${id}-${Date.now()}`, { adapter: 'memory' }) };
      const clock = await createClock(local.store, `${id}.pos1`);
      const manager = new SyncManager({
        storeId: id, deviceId: `${id}.pos1`, local, clock, remote: { store: remote(store.storeDbUrl), catalog: remote(store.catalogUrl) },
        backoff: { baseMs: 100, maxMs: 1_000 },
      });
      await manager.start();
      tills.push({ id, proxy, local, clock, manager, sold: [] });
    }
    await waitFor(async () => tills.every((t) => t.manager.status.state === 'online' && t.manager.status.pending === 0), { timeoutMs: 60_000, what: 'all tills online' });
    await waitFor(async () => (await Promise.all(tills.map((t) => t.local.catalog.info()))).every((i) => i.doc_count > SKUS.length), { what: 'catalog at every till' });
  });

  after(async function () {
    for (const t of tills) {
      await t.manager.stop();
      await t.proxy.close();
    }
    await couch?.stop();
  });

  // A failed test must not leave a store cut off for the next one.
  afterEach(() => tills.forEach((t) => t.proxy.heal()));

  async function sell(till: Till, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const lines = [{ sku: SKUS[Math.floor(random() * SKUS.length)]!, qty: 1 + Math.floor(random() * 2), unitPrice: 50_000 }];
      const total = lines[0]!.qty * 50_000;
      till.sold.push(await recordSale(till.local.store, till.clock, { store: till.id, device: `${till.id}.pos1`, cashier: `cashier-${till.id}` }, {
        lines, payments: [{ method: 'card', amount: total }],
      }));
    }
  }

  it('loses and duplicates no sale when one store sells 100 pairs cut off while the others keep selling', async function () {
    const [cut, ...others] = tills as [Till, Till, Till];
    cut.proxy.cut();
    await Promise.all([sell(cut, 100), ...others.map((t) => sell(t, 40))]);
    await waitFor(() => cut.manager.status.state === 'offline', { what: 'the cut store to notice it is offline' });
    // The pending count follows the local changes feed, so it may trail the last write by a tick.
    await waitFor(() => cut.manager.status.pending === 100, { what: 'pending to count the 100 offline sales' });
    expect(await couch.nano.use('store-s1').list({ startkey: 'sale:', endkey: 'sale;' })).to.have.property('rows').with.length(0);
    await waitFor(() => others.every((t) => t.manager.status.pending === 0), { timeoutMs: 60_000, what: 'connected stores to upload' });

    const healedAt = Date.now();
    cut.proxy.heal();
    await waitFor(() => cut.manager.status.pending === 0 && cut.manager.status.state === 'online', { timeoutMs: 90_000, intervalMs: 20, what: 'the cut store to catch up' });
    console.log(`      reconnect: 100 offline sales confirmed at central ${Date.now() - healedAt} ms after the network returned`);

    await assertConverged();
  });

  it('converges when the network drops again in the middle of the upload', async function () {
    const till = tills[1]!;
    till.proxy.cut();
    await sell(till, 300);
    await waitFor(() => till.manager.status.state === 'offline', { what: 'offline' });
    till.proxy.heal();
    await waitFor(() => till.manager.status.pending < 300, { timeoutMs: 60_000, intervalMs: 5, what: 'the upload to start' });
    till.proxy.cut();
    const stuckAt = till.manager.status.pending;
    await sell(till, 10);
    till.proxy.heal();
    await waitFor(() => till.manager.status.pending === 0 && till.manager.status.state === 'online', { timeoutMs: 90_000, what: 'the upload to finish' });
    console.log(`      mid-upload drop: cut with ${stuckAt} of 300 still pending; converged after healing`);
    await assertConverged();
  });

  it('converges after central is killed mid-sync and restarted by its supervisor', async function () {
    const embedded = embeddedOrSkip(this, couch); // COUCHDB_URL: a server the suite cannot kill
    const till = tills[2]!;
    const restarts = embedded.restarts();
    const selling = sell(till, 100);
    process.kill(embedded.pid()!, 'SIGKILL');
    await selling;
    await waitFor(() => embedded.restarts() === restarts + 1, { timeoutMs: 30_000, what: 'the server to restart' });
    await waitFor(() => tills.every((t) => t.manager.status.pending === 0 && t.manager.status.state === 'online'), { timeoutMs: 90_000, what: 'every till to catch up' });
    await assertConverged();
  });

  // `_all_docs` and views read one copy of each shard, and on a CouchDB cluster the copy that
  // answers may not have every write a till was just told was stored (a majority of copies
  // had it): in a run against 3 nodes central's stock view still showed 48 of a product where 30
  // were left, right after the till's upload finished. So central's reads are given a bounded wait
  // to show what the till sold before they are compared; on one node they show it at once.
  const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  async function assertConverged(): Promise<void> {
    for (const till of tills) {
      const expected = Object.fromEntries(SKUS.map((sku) => [sku, OPENING]));
      for (const s of till.sold) for (const l of s.lines) expected[l.sku]! -= l.qty;
      const readStock = () => stockRows(couch.nano.use(`store-${till.id}`).view('pronto', 'stock', { group: true }));
      const readSales = async () => (await couch.nano.use<Sale>(`store-${till.id}`).list({ startkey: `sale:${till.id}:`, endkey: `sale:${till.id};`, include_docs: true })).rows.map((r) => r.doc!);
      await waitFor(async () => (await readSales()).length === till.sold.length && sameJson(await readStock(), expected), { timeoutMs: 30_000, what: `central's copies to show every sale of ${till.id}` }).catch((err: Error) => {
        console.log(`      ${err.message} (compared below)`);
      });
      const atCentral = await readSales();
      // Exactly once: one document per recorded sale, no more, no fewer, each with the body the till wrote.
      expect(atCentral.map((d) => d._id), `sales of ${till.id}`).to.have.members(till.sold.map((s) => s._id));
      expect(atCentral.map(({ _rev, ...d }) => d)).to.deep.equal(till.sold.map(({ _rev, ...d }) => d).sort((a, b) => (a._id < b._id ? -1 : 1)));

      const centralStock = await readStock();
      const localStock = await stockRows(till.local.store.query('pronto/stock', { group: true }));
      expect(centralStock, `stock at central for ${till.id}`).to.deep.equal(expected);
      expect(localStock, `stock at ${till.id}`).to.deep.equal(expected);
    }
  }
});

async function stockRows(result: Promise<{ rows: Array<{ key?: unknown; value?: unknown }> }>): Promise<Record<string, number>> {
  const rows = (await result).rows;
  return Object.fromEntries(rows.map((r) => [(r.key as [string, string])[1], r.value as number]));
}

function product(sku: string, price: number, stamp: string): Product {
  return {
    _id: `product:${sku}`, type: 'product', sku, model: sku.slice(0, 5), name: `Modelo ${sku}`, colour: 'Negro', size: '25.5',
    price, cost: Math.round(price / 2), active: true, updatedAt: stamp, updatedBy: 'central',
  } as Product;
}
