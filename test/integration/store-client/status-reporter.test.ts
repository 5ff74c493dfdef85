// The status reporter on a real till: its store-status document travels to central through
// the SyncManager's own replication, and tells the truth through a real network cut.
import { expect } from 'chai';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy.js';
import { waitFor } from '../../helpers/wait-for.js';
import { createClock, createNodePouch, recordSale, reportStatus, storeStatusId, SyncManager } from '../../../store-client/index.js';
import type { StoreStatus } from '../../../validators/index.js';

const PouchDB = createNodePouch();

describe('store-client/status-reporter (integration)', function () {
  this.timeout(90_000);
  let couch: TestCouch;
  let proxy: TcpProxy;
  const cleanup: (() => Promise<unknown>)[] = [];

  before(async () => {
    couch = await startTestCouch();
    proxy = await startTcpProxy(Number(new URL(couch.url).port));
  });
  after(async () => {
    for (const fn of cleanup) await fn().catch(() => undefined);
    await proxy?.close();
    await couch?.stop();
  });

  it('shows central the till online with nothing pending, offline with a sale waiting, then caught up', async () => {
    const storeId = `sr${process.pid % 1000}`;
    const device = `${storeId}.pos1`;
    const store = await couch.createStore(storeId);
    const viaProxy = (url: string) => new PouchDB(url.replace(couch.url, proxy.url), { auth: store.account, skip_setup: true });
    const local = {
      store: new PouchDB(`sr-store-${storeId}`, { adapter: 'memory' }),
      catalog: new PouchDB(`sr-catalog-${storeId}`, { adapter: 'memory' }),
    };
    const clock = await createClock(local.store, device);
    const manager = new SyncManager({
      storeId, deviceId: device, local, clock,
      remote: { store: viaProxy(store.storeDbUrl), catalog: viaProxy(store.catalogUrl) },
      backoff: { baseMs: 100, maxMs: 1000 },
    });
    const stop = reportStatus(manager, local.store, { store: storeId, device, clock, minIntervalMs: 200 });
    cleanup.push(stop, () => manager.stop(), () => local.store.destroy(), () => local.catalog.destroy());

    const id = storeStatusId(storeId, device);
    const central = couch.nano.use<StoreStatus>(`store-${storeId}`);
    const atCentral = () => central.get(id).catch(() => null);
    const isLocally = async (state: string, pending: number) => {
      const doc = (await local.store.get(id).catch(() => null)) as StoreStatus | null;
      return doc?.state === state && doc.pending === pending;
    };

    await manager.start();
    await waitFor(async () => { const d = await atCentral(); return d?.state === 'online' && d.pending === 0; }, { what: 'online at central' });

    proxy.cut();
    await waitFor(() => manager.status.state === 'offline', { what: 'offline' });
    await recordSale(local.store, clock, { store: storeId, device, cashier: 'ana' }, {
      lines: [{ sku: 'TEN-001-25.5', qty: 1, unitPrice: 1000 }], payments: [{ method: 'cash', amount: 1000 }],
    });
    // The manager retries all along, so the state may be `syncing` for a moment between tries.
    await waitFor(() => isLocally('offline', 1), { what: 'offline with 1 pending, locally' });
    const offlineAt = ((await local.store.get(id)) as StoreStatus).updatedAt;

    proxy.heal();
    // Central's copy said `online` before the cut too: only a later write counts.
    await waitFor(async () => {
      const d = await atCentral();
      return d !== null && d.updatedAt > offlineAt && d.state === 'online' && d.pending === 0;
    }, { what: 'caught up at central' });
    expect(manager.status.pending).to.equal(0);
    const doc = (await atCentral())!;
    expect(doc).to.include({ type: 'store-status', store: storeId, device, updatedBy: device });
    expect(doc.lastPush).to.be.a('string');
    expect(doc.lastPull).to.be.a('string');
  });
});
