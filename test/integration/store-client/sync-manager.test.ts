// SyncManager against a real embedded CouchDB-compatible server, with the network between the
// till and central cut and healed for real (a TCP proxy that resets every connection).
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { startTestCouch, type TestCouch, type TestStore } from '../../helpers/test-couch.js';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy.js';
import { waitFor } from '../../helpers/wait-for.js';
import {
  buildSale, createClock, createNodePouch, formatStamp, parseStamp, recordSale, SyncManager, type Clock, type SyncStatus, type SyncManagerOptions,
} from '../../../store-client/index.js';

const PouchDB = createNodePouch();
let unique = 0;

function sale(i: number) {
  return { lines: [{ sku: 'TEN-001-25.5', qty: 1, unitPrice: 1000 + i }], payments: [{ method: 'cash' as const, amount: 5000 }] };
}

describe('store-client/sync-manager (integration)', function () {
  this.timeout(90_000);
  let couch: TestCouch;
  let proxy: TcpProxy;

  before(async () => {
    couch = await startTestCouch();
    proxy = await startTcpProxy(Number(new URL(couch.url).port));
  });
  after(async () => {
    await proxy?.close();
    await couch?.stop();
  });

  interface Till {
    storeId: string;
    store: TestStore;
    local: { store: PouchDB.Database; catalog: PouchDB.Database };
    clock: Clock;
    manager: SyncManager;
    events: SyncStatus[];
    progress: { pulled: number; total: number }[];
  }
  let till: Till | undefined;

  async function openTill(overrides: Partial<SyncManagerOptions> = {}): Promise<Till> {
    const storeId = `t${process.pid % 1000}-${unique++}`;
    const store = await couch.createStore(storeId);
    const viaProxy = (url: string) => url.replace(couch.url, proxy.url);
    const remoteOpts = { auth: store.account, skip_setup: true };
    const local = {
      store: new PouchDB(`sm-store-${storeId}`, { adapter: 'memory' }),
      catalog: new PouchDB(`sm-catalog-${storeId}`, { adapter: 'memory' }),
    };
    const clock = await createClock(local.store, `${storeId}.pos1`);
    const progress: { pulled: number; total: number }[] = [];
    const manager = new SyncManager({
      storeId,
      deviceId: `${storeId}.pos1`,
      local,
      remote: {
        store: new PouchDB(viaProxy(store.storeDbUrl), remoteOpts),
        catalog: new PouchDB(viaProxy(store.catalogUrl), remoteOpts),
      },
      backoff: { baseMs: 100, maxMs: 1000 },
      clock,
      onProgress: (p) => progress.push(p),
      ...overrides,
    });
    const events: SyncStatus[] = [];
    manager.onStatus((s) => events.push(s));
    till = { storeId, store, local, clock, manager, events, progress };
    return till;
  }

  afterEach(async () => {
    proxy.heal();
    if (!till) return;
    await till.manager.stop();
    await till.local.store.destroy();
    await till.local.catalog.destroy();
    till = undefined;
  });

  const ctxOf = (t: Till) => ({ store: t.storeId, device: `${t.storeId}.pos1`, cashier: 'ana' });
  const centralIds = async (t: Till): Promise<string[]> => {
    const res = await couch.nano.use(`store-${t.storeId}`).list({ startkey: 'sale:', endkey: 'sale:\ufff0' });
    return res.rows.map((r) => r.id);
  };
  /** Which of `ids` central holds, read by quorum: on a cluster `_all_docs` reads one copy of each
   *  shard, which may not be among the copies that acknowledged the till's write (w=2 of 3). */
  const missingAtCentral = async (t: Till, ids: readonly string[]): Promise<string[]> => {
    if (ids.length === 0) return [];
    const res = await couch.nano.relax({ db: `store-${t.storeId}`, path: '_bulk_get', method: 'POST', body: { docs: ids.map((id) => ({ id })) } }) as { results: Array<{ id: string; docs: Array<{ ok?: { _deleted?: boolean } }> }> };
    return res.results.filter((r) => !r.docs.some((d) => d.ok && !d.ok._deleted)).map((r) => r.id);
  };

  it('uploads recorded sales: pending rises, then returns to 0 with every sale at central', async () => {
    const t = await openTill();
    await t.manager.start();
    await waitFor(() => t.manager.status.state === 'online', { what: 'online' });
    expect(t.progress.at(-1)?.pulled).to.be.greaterThan(0); // the catalog holds at least store:<id>
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await recordSale(t.local.store, t.clock, ctxOf(t), sale(i)))._id);
    await waitFor(() => t.manager.status.pending === 0 && t.events.some((e) => e.pending > 0), { what: 'pending to drain' });
    expect((await centralIds(t)).sort()).to.deep.equal(ids.sort());
    expect(t.manager.status).to.include({ error: null, attempt: 0 });
    expect(t.manager.status.lastPush).to.be.a('string');
    expect(t.manager.status.lastPull).to.be.a('string');
  });

  it('reads 0 pending only once every sale it counted is at central (checked the moment it says 0, one sale at a time as a POS sells)', async () => {
    const t = await openTill();
    await t.manager.start();
    await waitFor(() => t.manager.status.state === 'online', { what: 'online' });
    const written: string[] = [];
    const checks: Promise<string[]>[] = [];
    let counted = false;
    // At each status that says 0 after some were counted, ask central at once for every sale written so far.
    t.manager.onStatus((s) => {
      if (s.pending > 0) counted = true;
      else if (counted) {
        counted = false;
        const ids = [...written];
        checks.push(missingAtCentral(t, ids));
      }
    });
    for (let i = 0; i < 20; i++) {
      const before = checks.length;
      written.push((await recordSale(t.local.store, t.clock, ctxOf(t), sale(i)))._id);
      await waitFor(() => checks.length > before, { what: `sale ${i} counted and uploaded` });
    }
    const missing = (await Promise.all(checks)).flat();
    expect(missing, 'sales missing at central when the count read 0').to.deep.equal([]);
    expect(checks.length).to.be.at.least(20);
  });

  it('goes offline when the network drops, keeps recording, and catches up by itself when it returns', async () => {
    const t = await openTill();
    await t.manager.start();
    await waitFor(() => t.manager.status.state === 'online', { what: 'online' });
    await recordSale(t.local.store, t.clock, ctxOf(t), sale(0));
    await waitFor(() => t.manager.status.pending === 0, { what: 'first sale uploaded' });

    proxy.cut();
    await waitFor(() => t.manager.status.state === 'offline', { what: 'offline' });
    expect(t.manager.status.error?.code).to.equal('SYNC_OFFLINE');
    const offlineIds: string[] = [];
    for (let i = 1; i <= 4; i++) offlineIds.push((await recordSale(t.local.store, t.clock, ctxOf(t), sale(i)))._id);
    await waitFor(() => t.manager.status.pending === 4, { what: 'pending 4 while offline' });
    await waitFor(() => t.manager.status.attempt >= 2, { what: 'a few retries' });
    expect(t.manager.status.state).to.be.oneOf(['offline', 'syncing']);

    proxy.heal();
    await waitFor(() => t.manager.status.pending === 0 && t.manager.status.state === 'online', { what: 'caught up' });
    const central = await centralIds(t);
    for (const id of offlineIds) expect(central).to.include(id);
    expect(t.manager.status.attempt).to.equal(0);
    const states = t.events.map((e) => e.state);
    expect(states).to.include.members(['syncing', 'online', 'offline']);
  });

  it('goes offline at once on connectionLost(), keeps counting, and retryNow() reconnects without waiting out the back-off', async () => {
    // A one-minute back-off: only retryNow() can bring the till back within the test's bound.
    const t = await openTill({ backoff: { baseMs: 60_000, maxMs: 60_000 }, random: () => 1 });
    await t.manager.start();
    await waitFor(() => t.manager.status.state === 'online', { what: 'online' });
    t.manager.connectionLost();
    expect(t.manager.status).to.include({ state: 'offline' });
    expect(t.manager.status.error?.code).to.equal('SYNC_OFFLINE');
    const id = (await recordSale(t.local.store, t.clock, ctxOf(t), sale(0)))._id;
    await waitFor(() => t.manager.status.pending === 1, { what: 'pending 1 while offline' });
    t.manager.retryNow();
    await waitFor(() => t.manager.status.pending === 0 && t.manager.status.state === 'online', { what: 'caught up', timeoutMs: 10_000 });
    expect(await centralIds(t)).to.include(id);
  });

  it('publishes no status while it counts a backlog at start: the first one has all of it pending, and the count only goes down', async () => {
    // The count runs beside the reconnect's first requests (pending-tracker open()); a status
    // published before it ends would say fewer pending than the till holds.
    const t = await openTill();
    const device = `${t.storeId}.pos1`;
    const backlog = Array.from({ length: 3000 }, (_, i) => buildSale(sale(i), {
      store: t.storeId, device, cashier: 'ana', businessDay: '2026-12-04', stamp: formatStamp({ wallMs: Date.UTC(2026, 11, 4, 15) + i, counter: 0, node: device }),
    }));
    await t.local.store.bulkDocs(backlog);
    await t.manager.start();
    await waitFor(() => t.manager.status.state === 'online' && t.manager.status.pending === 0, { what: 'the backlog uploaded', timeoutMs: 60_000 });
    const counts = t.events.map((e) => e.pending);
    expect(counts[0], 'pending in the first status').to.equal(3000);
    expect(counts, 'pending never rises').to.deep.equal([...counts].sort((a, b) => b - a));
    // `_all_docs` reads one copy of each shard: on a cluster the last quorum writes reach it a moment later.
    await waitFor(async () => (await centralIds(t)).length === 3000, { what: 'the 3,000 sales listed at central' });
  });

  it('follows nothing after a stop() that lands while start() is still loading', async () => {
    const t = await openTill();
    const starting = t.manager.start();
    await t.manager.stop();
    await starting;
    const statuses = t.events.length;
    await recordSale(t.local.store, t.clock, ctxOf(t), sale(1));
    await new Promise((resolve) => setTimeout(resolve, 300)); // a feed left running reports within ms
    expect(t.events.slice(statuses).map((e) => e.pending), 'statuses after the stop').to.deep.equal([]);
    expect(t.manager.status.state).to.equal('offline');
  });

  it('keeps pending across a restart and after stop() resolves no replication is left running', async () => {
    const t = await openTill();
    proxy.cut();
    await t.manager.start();
    await waitFor(() => t.manager.status.state === 'offline', { what: 'offline at start' });
    await recordSale(t.local.store, t.clock, ctxOf(t), sale(1));
    await recordSale(t.local.store, t.clock, ctxOf(t), sale(2));
    await waitFor(() => t.manager.status.pending === 2, { what: 'pending 2' });
    await t.manager.stop();
    expect(t.manager.status.state).to.equal('offline');

    // A new manager on the same local database (a reload) counts the same pending documents.
    proxy.heal();
    const again = new SyncManager({ storeId: t.storeId, deviceId: `${t.storeId}.pos1`, local: t.local, remote: {
      store: new PouchDB(t.store.storeDbUrl.replace(couch.url, proxy.url), { auth: t.store.account, skip_setup: true }),
      catalog: new PouchDB(t.store.catalogUrl.replace(couch.url, proxy.url), { auth: t.store.account, skip_setup: true }),
    } });
    t.manager = again;
    await again.start();
    expect(again.status.pending).to.equal(2);
    await waitFor(() => again.status.pending === 0 && again.status.state === 'online', { what: 'caught up after reload' });
    expect(await centralIds(t)).to.have.length(2);
  });

  it('keeps a document central refuses on the till, listed with its reason and revision, apart from pending, across a restart, until its correction reaches central', async () => {
    const t = await openTill();
    await t.manager.start();
    await waitFor(() => t.manager.status.state === 'online', { what: 'online' });
    // Bypass local validation, as a buggy or tampered till would: total does not match the lines.
    const bad = buildSale(sale(0), { ...ctxOf(t), stamp: await t.clock.next(), businessDay: '2026-11-24' });
    const badRev = (await t.local.store.put({ ...bad, total: bad.total + 1 })).rev;
    await waitFor(() => t.manager.status.refused.length === 1, { what: 'a refused document' });
    expect(t.manager.status.refused[0]).to.include({ db: 'store', id: bad._id, rev: badRev });
    expect(t.manager.status.refused[0]!.reason).to.match(/total/);
    const good = await recordSale(t.local.store, t.clock, ctxOf(t), sale(1));
    await waitFor(async () => (await centralIds(t)).includes(good._id), { what: 'a later sale uploaded' });
    // The live replication settles back to `online` a moment after the last batch.
    await waitFor(() => t.manager.status.pending === 0 && t.manager.status.state === 'online', { what: 'pending 0 and online (the refused one is apart)' });
    // Reconnects re-send it (the priority push): still one refusal.
    for (let i = 0; i < 3; i++) {
      t.manager.connectionLost();
      t.manager.retryNow();
      await waitFor(() => t.manager.status.state === 'online', { what: `online after reconnect ${i}` });
    }
    expect(t.manager.status.refused).to.have.length(1);
    expect(t.manager.status.pending).to.equal(0);

    // A reload of the till still lists it, and does not count it as pending.
    await t.manager.stop();
    const customers = new PouchDB(`sm-customers-${t.storeId}`, { adapter: 'memory' });
    const via = (url: string) => new PouchDB(url.replace(couch.url, proxy.url), { auth: t.store.account, skip_setup: true });
    const again = new SyncManager({ storeId: t.storeId, deviceId: `${t.storeId}.pos1`, local: { ...t.local, customers }, clock: t.clock,
      backoff: { baseMs: 100, maxMs: 1000 },
      remote: { store: via(t.store.storeDbUrl), catalog: via(t.store.catalogUrl), customers: via(`${couch.url}/customers`) } });
    t.manager = again;
    await again.start();
    expect(again.status.refused.map((r) => r.rev)).to.deep.equal([badRev]);
    expect(again.status.pending).to.equal(0);
    await waitFor(() => again.status.state === 'online', { what: 'online after reload' });

    // A sale is written once: its correction is refused too, and replaces it in the list.
    const fixRev = (await t.local.store.put({ ...bad, _rev: badRev })).rev;
    await waitFor(() => again.status.refused[0]?.rev === fixRev, { what: 'the correction refused' });
    expect(again.status.refused).to.have.length(1);
    expect(again.status.pending).to.equal(0);

    // A customer refused, then corrected on the till: it leaves the list once the correction is at central.
    const customer = { _id: `customer:${randomUUID()}`, type: 'customer', name: 'Beto', updatedAt: await t.clock.next(), updatedBy: `${t.storeId}.pos1` };
    const wrong = (await customers.put({ ...customer, name: 42 })).rev;
    await waitFor(() => again.status.refused.some((r) => r.db === 'customers' && r.rev === wrong), { what: 'the customer refused' });
    await customers.put({ ...customer, _rev: wrong, updatedAt: await t.clock.next() });
    await waitFor(() => again.status.refused.length === 1 && again.status.pending === 0, { what: 'the corrected customer uploaded' }).catch((e) => { console.log(JSON.stringify(again.status)); throw e; });
    expect(await couch.nano.use('customers').get(customer._id)).to.include({ name: 'Beto' });
    await again.stop();
    await customers.destroy();
  });

  it('moves the till\'s clock past a sale stamped within the allowed skew, not past one beyond it nor past any store-status', async () => {
    const now = Date.now();
    const storeId = `t${process.pid % 1000}-${unique}`;
    const local = new PouchDB(`sm-clock-${storeId}`, { adapter: 'memory' });
    const clock = await createClock(local, `${storeId}.pos1`, { now: () => now, maxDriftMs: 10 * 60_000 });
    const t = await openTill({ clock });
    const at = (ms: number, node: string) => formatStamp({ wallMs: now + ms, counter: 0, node });
    const saleAt = (ms: number) => buildSale(sale(ms % 7), { ...ctxOf(t), stamp: at(ms, 'central'), businessDay: '2026-11-24' });
    // Statuses of other tills, as any account of the store could write them: 8 minutes ahead
    // (within the skew, so only their type keeps them out) and 23 hours ahead.
    const statusAt = (ms: number, device: string) => ({ _id: `store-status:${t.storeId}:${device}`, type: 'store-status', store: t.storeId, device,
      state: 'online', pending: 0, updatedAt: at(ms, device), updatedBy: device });
    const within = saleAt(5 * 60_000);
    const beyond = saleAt(30 * 60_000);
    const docs = [statusAt(8 * 60_000, `${t.storeId}.pos8`), statusAt(23 * 3_600_000, `${t.storeId}.pos9`), within, beyond];
    await couch.nano.use(`store-${t.storeId}`).bulk({ docs: docs as never[] });
    await t.manager.start();
    await waitFor(async () => (await t.local.store.allDocs({ keys: docs.map((d) => d._id) })).rows.every((r) => 'value' in r && r.value),
      { what: 'the four documents pulled' });
    await waitFor(() => t.manager.status.state === 'online', { what: 'online' });
    expect(parseStamp(await clock.next()).wallMs).to.equal(now + 5 * 60_000);
    await local.destroy();
  });
});
