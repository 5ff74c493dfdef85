// A till whose open connections to central go silent (no reset, no close: a router that lost
// its state) between a SyncManager and a real embedded central: the watchdog fetch abandons the
// silent live pull within its heartbeat plus margin, the status leaves `online`, sync starts
// again over new connections, and a sale another till made at central still reaches this till.
import { expect } from 'chai';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { startSilentProxy, type SilentProxy } from '../../helpers/silent-proxy.js';
import { waitFor } from '../../helpers/wait-for.js';
import {
  buildSale, createClock, createNodePouch, createWatchdogFetch, SyncManager, type SyncStatus,
} from '../../../store-client/index.js';

const PouchDB = createNodePouch();
const HEARTBEAT_MS = 500;
// Generous: a loaded CI machine must not make a healthy long-poll look silent.
const MARGIN_MS = 1500;
/** How many heartbeats the till may take to see central's new sale once its connections go silent. */
const BOUND_HEARTBEATS = 24;

describe('store-client/sync-manager live watchdog (integration, silent connections)', function () {
  this.timeout(90_000);
  let couch: TestCouch;
  let proxy: SilentProxy;
  const cleanup: (() => Promise<unknown>)[] = [];

  before(async () => {
    couch = await startTestCouch();
    proxy = await startSilentProxy(Number(new URL(couch.url).port));
  });
  after(async () => {
    for (const fn of cleanup.reverse()) await fn();
    await proxy?.close();
    await couch?.stop();
  });

  it('abandons a live pull that central leaves silent, never stays online meanwhile, and still receives a sale and a price made at central', async () => {
    const storeId = `wd${process.pid % 1000}`;
    const store = await couch.createStore(storeId);
    const fetch = createWatchdogFetch({ idleMs: 4 * HEARTBEAT_MS, heartbeatMarginMs: MARGIN_MS });
    const remote = (url: string) => new PouchDB(url.replace(couch.url, proxy.url), { auth: store.account, skip_setup: true, fetch });
    const local = { store: new PouchDB(`wd-store-${storeId}`, { adapter: 'memory' }), catalog: new PouchDB(`wd-catalog-${storeId}`, { adapter: 'memory' }) };
    const clock = await createClock(local.store, `${storeId}.pos1`);
    const manager = new SyncManager({
      storeId, deviceId: `${storeId}.pos1`, local, clock, heartbeatMs: HEARTBEAT_MS, backoff: { baseMs: 100, maxMs: 500 },
      remote: { store: remote(store.storeDbUrl), catalog: remote(store.catalogUrl) },
    });
    cleanup.push(() => local.catalog.destroy(), () => local.store.destroy(), () => manager.stop());
    const events: { at: number; status: SyncStatus }[] = [];
    manager.onStatus((status) => events.push({ at: Date.now(), status }));
    await manager.start();
    await waitFor(() => manager.status.state === 'online', { what: 'online' });
    // Several heartbeats of quiet live long-polls: the watchdog leaves a healthy one alone.
    const quietFrom = events.length;
    await new Promise((r) => setTimeout(r, 4 * HEARTBEAT_MS));
    expect(events.slice(quietFrom).map((e) => e.status.state), 'a quiet but healthy long-poll').to.not.include('offline');
    expect(manager.status.state).to.equal('online');

    proxy.silenceOpenConnections();
    const silentAt = Date.now();
    const silenced = proxy.silenced;
    expect(silenced, 'the live long-polls were open').to.be.greaterThan(0);
    const other = buildSale({ lines: [{ sku: 'TEN-001-25.5', qty: 1, unitPrice: 1200 }], payments: [{ method: 'cash', amount: 1200 }] },
      { store: storeId, device: `${storeId}.pos2`, cashier: 'beto', stamp: await clock.next(), businessDay: '2026-12-02' });
    await couch.nano.use(`store-${storeId}`).insert(other as never);
    const product = { _id: `product:WD-${storeId.toUpperCase()}-25.5`, type: 'product', sku: `WD-${storeId.toUpperCase()}-25.5`, model: `WD-${storeId.toUpperCase()}`, name: 'Tenis', colour: 'negro',
      size: '25.5', price: 89_900, cost: 45_000, active: true, updatedAt: await clock.next(), updatedBy: 'admin' };
    await couch.nano.use('catalog').insert(product as never);

    const has = (db: PouchDB.Database, id: string) => db.get(id).then(() => true, () => false);
    await waitFor(async () => (await has(local.store, other._id)) && (await has(local.catalog, product._id)),
      { what: 'the sale and the price made at central', timeoutMs: BOUND_HEARTBEATS * HEARTBEAT_MS });
    const tookMs = Date.now() - silentAt;
    const after = events.filter((e) => e.at >= silentAt);
    const firstNotOnline = after.find((e) => e.status.state !== 'online');
    expect(firstNotOnline, 'the status left online after the silence').to.not.equal(undefined);
    expect(firstNotOnline!.status.error?.code).to.equal('SYNC_OFFLINE');
    console.log(`      silent connections: ${silenced}; status left online after ${firstNotOnline!.at - silentAt} ms; sale and price seen after ${tookMs} ms (heartbeat ${HEARTBEAT_MS} ms)`);
    await waitFor(() => manager.status.state === 'online', { what: 'online again' });
  });
});
