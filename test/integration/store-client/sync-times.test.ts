// The SyncManager's last push / pull times across a restart: a till on LevelDB syncs with a real
// embedded server, stops, and is opened again from its files (a reload) while central is
// unreachable behind a cut TCP proxy.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { startTestCouch, type TestCouch, type TestStore } from '../../helpers/test-couch.js';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy.js';
import { waitFor } from '../../helpers/wait-for.js';
import {
  createClock, createNodePouch, recordSale, SyncManager, type SyncManagerOptions, type SyncStatus,
} from '../../../store-client/index.js';

const PouchDB = createNodePouch();
const HOUR = 60 * 60 * 1000;

describe('store-client/sync-manager last sync times (integration)', function () {
  this.timeout(90_000);
  let couch: TestCouch;
  let proxy: TcpProxy;
  let dir: string;
  let unique = 0;
  const open: { manager?: SyncManager; dbs: PouchDB.Database[] } = { dbs: [] };

  before(async () => {
    couch = await startTestCouch();
    proxy = await startTcpProxy(Number(new URL(couch.url).port));
    dir = await mkdtemp(path.join(os.tmpdir(), 'pronto-sync-times-'));
  });
  after(async () => {
    await proxy?.close();
    await couch?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    proxy.heal();
    await closeTill();
  });

  async function closeTill(): Promise<void> {
    await open.manager?.stop();
    open.manager = undefined;
    for (const db of open.dbs.splice(0)) await db.close();
  }

  /** Opens the till's LevelDB databases (the same files every time) and a manager on them. */
  function openTill(storeId: string, store: TestStore, overrides: Partial<SyncManagerOptions> = {}) {
    const local = {
      store: new PouchDB(path.join(dir, `${storeId}-store`), { adapter: 'leveldb' }),
      catalog: new PouchDB(path.join(dir, `${storeId}-catalog`), { adapter: 'leveldb' }),
    };
    const remoteOpts = { auth: store.account, skip_setup: true };
    const viaProxy = (url: string) => url.replace(couch.url, proxy.url);
    const remote = {
      store: new PouchDB(viaProxy(store.storeDbUrl), remoteOpts),
      catalog: new PouchDB(viaProxy(store.catalogUrl), remoteOpts),
    };
    const manager = new SyncManager({
      storeId, deviceId: `${storeId}.pos1`, local, remote, backoff: { baseMs: 100, maxMs: 1000 }, ...overrides,
    });
    const events: SyncStatus[] = [];
    manager.onStatus((s) => events.push(s));
    open.manager = manager;
    open.dbs.push(local.store, local.catalog);
    return { local, manager, events };
  }

  /** Syncs a sale once, stops, and returns the times the stopped manager showed last. */
  async function syncOnceAndStop(storeId: string, store: TestStore): Promise<{ lastPush: string; lastPull: string }> {
    const first = openTill(storeId, store);
    await first.manager.start();
    await waitFor(() => first.manager.status.state === 'online', { what: 'online' });
    const clock = await createClock(first.local.store, `${storeId}.pos1`);
    await recordSale(first.local.store, clock, { store: storeId, device: `${storeId}.pos1`, cashier: 'ana' }, {
      lines: [{ sku: 'TEN-001-25.5', qty: 1, unitPrice: 1000 }], payments: [{ method: 'cash', amount: 1000 }],
    });
    await waitFor(() => first.manager.status.pending === 0 && first.manager.status.state === 'online', { what: 'the sale uploaded' });
    await closeTill();
    const { lastPush, lastPull } = first.manager.status;
    expect(lastPush, 'lastPush before the restart').to.be.a('string');
    expect(lastPull, 'lastPull before the restart').to.be.a('string');
    return { lastPush: lastPush!, lastPull: lastPull! };
  }

  it('shows the last push and pull of before a restart while central is unreachable, from the very first status', async () => {
    const storeId = `st${process.pid % 1000}-${unique++}`;
    const store = await couch.createStore(storeId);
    const before = await syncOnceAndStop(storeId, store);

    proxy.cut();
    const again = openTill(storeId, store);
    await again.manager.start();
    expect(again.manager.status).to.include(before);
    await waitFor(() => again.manager.status.state === 'offline', { what: 'offline after the restart' });
    expect(again.manager.status.error?.code).to.equal('SYNC_OFFLINE');
    expect(again.events.length).to.be.greaterThan(0);
    // Every status published since the restart, the first one included, carries the old times
    // exactly: a failed connect is not a sync, and nothing later than what happened is shown.
    for (const status of again.events) expect(status).to.include(before);
    expect(again.manager.status).to.include(before);
  });

  it('never moves the times back when the device clock is set an hour back after a restart', async () => {
    const storeId = `st${process.pid % 1000}-${unique++}`;
    const store = await couch.createStore(storeId);
    const before = await syncOnceAndStop(storeId, store);

    const again = openTill(storeId, store, { now: () => Date.now() - HOUR });
    await again.manager.start();
    await waitFor(() => again.manager.status.state === 'online', { what: 'online with the clock an hour back' });
    expect(again.manager.status).to.include(before);
    await closeTill();

    // What the third start reads is what the local document holds: still the later times.
    proxy.cut();
    const third = openTill(storeId, store);
    await third.manager.start();
    expect(third.manager.status).to.include(before);
  });
});
