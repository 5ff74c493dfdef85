// A till (store-client in Node, memory PouchDB) against a real central: an admin changes
// settings:sync through /api/config/sync, the catalog's live pull brings it, and the till
// restarts its replication with the new batch size and heartbeat — seen in the requests it then
// sends (_bulk_docs of at most batchSize documents, _changes with limit=batchSize and the
// heartbeat) — losing no sale written around the restart. settings:pos reaches the till the same
// way, where the POS reads it at every use (posSettings).
import { expect } from 'chai';
import { basic, startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';
import { waitFor } from '../../helpers/wait-for.js';
import { createClock, createNodePouch, followSyncSettings, recordSale, SyncManager, type Clock, type Db, type SyncSettingsFollower } from '../../../store-client/index.js';
import { posSettings } from '../../../store-client/pos/pos-settings.js';
import type { Settings } from '../../../validators/index.js';

const PouchDB = createNodePouch();

interface Seen { method: string; url: URL; docs?: number }

describe('store-client/follow-sync-settings: a till applies the settings an admin changes (integration)', function () {
  this.timeout(180_000);
  let h: DemoCentral;
  let manager: SyncManager;
  let follower: SyncSettingsFollower;
  let local: { store: Db; catalog: Db };
  let clock: Clock;
  let sku: string;
  const seen: Seen[] = [];
  const sold: string[] = [];

  // Every request the till sends, as central's /db proxy receives it.
  const counting: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = init?.method ?? 'GET';
    let docs: number | undefined;
    if (url.pathname.endsWith('/_bulk_docs') && typeof init?.body === 'string') docs = (JSON.parse(init.body) as { docs: unknown[] }).docs.length;
    seen.push({ method, url, ...(docs !== undefined ? { docs } : {}) });
    return fetch(input, init);
  };
  const admin = (method: string, path: string, body?: unknown) => fetch(`${h.central.url}/api${path}`, {
    method, headers: { ...basic('chain-admin', h.account('chain-admin').password), 'Content-Type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const sell = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const sale = await recordSale(local.store, clock, { store: 's1', device: 's1.pos7', cashier: 'cashier-s1' }, {
        lines: [{ sku, qty: 1, unitPrice: 1000 }], payments: [{ method: 'cash', amount: 1000 }],
      });
      sold.push(sale._id);
    }
  };

  before(async function () {
    h = await startDemoCentral();
    const device = h.account('device-s1');
    const remote = (db: string) => new PouchDB(`${h.central.url}/db/${db}`, { adapter: 'http', skip_setup: true, auth: { username: device.name, password: device.password }, fetch: counting } as never);
    local = { store: new PouchDB(`ss-store-${process.pid}-${Date.now()}`, { adapter: 'memory' }), catalog: new PouchDB(`ss-catalog-${process.pid}-${Date.now()}`, { adapter: 'memory' }) };
    clock = await createClock(local.store, 's1.pos7');
    manager = new SyncManager({ storeId: 's1', deviceId: 's1.pos7', local, clock, remote: { store: remote('store-s1'), catalog: remote('catalog') }, backoff: { baseMs: 100, maxMs: 1000 } });
    follower = followSyncSettings(local.catalog, manager);
    await follower.ready;
    await manager.start();
    await waitFor(() => manager.status.state === 'online' && manager.status.pending === 0, { timeoutMs: 120_000, what: 'the till online with the catalog' });
    const { rows } = await local.catalog.allDocs({ startkey: 'product:', endkey: 'product:\ufff0', limit: 1 });
    sku = rows[0]!.id.slice('product:'.length);
  });
  after(async function () {
    follower?.stop();
    await manager?.stop();
    await local?.store.destroy();
    await local?.catalog.destroy();
    await h?.stop();
  });

  it('starts with the defaults while central publishes no settings:sync', function () {
    expect(manager.settings).to.include({ batchSize: 1000, heartbeatMs: 10_000 });
    expect(seen.some((s) => s.url.pathname.endsWith('/_changes') && s.url.searchParams.get('limit') === '1000')).to.equal(true);
  });

  it('replicates with a new batch size and heartbeat once an admin changes them, losing no sale written around the restart', async function () {
    await sell(5);
    let appliedAt = -1;
    const unsubscribe = manager.onSettings(() => { appliedAt = seen.length; });
    const put = await admin('PUT', '/config/sync', { value: { batchSize: 10, batchesLimit: 2, heartbeatMs: 3000, retryMinMs: 200, retryMaxMs: 2000 } });
    expect(put.status).to.equal(200);
    await sell(5);
    await waitFor(() => manager.settings?.batchSize === 10, { timeoutMs: 30_000, what: 'the till to apply the new settings' });
    unsubscribe();
    expect(manager.settings).to.include({ batchesLimit: 2, heartbeatMs: 3000, retryMinMs: 200, retryMaxMs: 2000 });
    const from = seen.length;
    await sell(35);
    await waitFor(() => manager.status.state === 'online' && manager.status.pending === 0, { timeoutMs: 60_000, what: 'the sales to reach central' });

    const after = seen.slice(from);
    const pushes = after.filter((s) => s.method === 'POST' && s.url.pathname.endsWith('/store-s1/_bulk_docs') && (s.docs ?? 0) > 0);
    expect(pushes.length, 'the 35 sales went in batches').to.be.at.least(4);
    expect(Math.max(...pushes.map((s) => s.docs!)), 'no batch above batchSize').to.be.at.most(10);
    const polls = () => seen.slice(appliedAt).filter((s) => s.url.pathname.endsWith('/_changes') && s.url.searchParams.get('feed') === 'longpoll');
    await waitFor(() => polls().length >= 2, { timeoutMs: 30_000, what: 'the live long-polls of the store and the catalog' });
    // A live feed's first long-poll asks for batchSize; PouchDB's http adapter (changes(),
    // `leftToFetch`) then asks for what is left of it after each change it received, and starts
    // a new feed at 0, so a later poll may ask for fewer (9 after one of the till's own sales came
    // back), never more.
    for (const poll of polls()) {
      expect(poll.url.searchParams.get('heartbeat'), poll.url.pathname).to.equal('3000');
      expect(Number(poll.url.searchParams.get('limit')), poll.url.pathname).to.be.within(1, 10);
    }
    for (const db of ['/db/store-s1/_changes', '/db/catalog/_changes']) {
      expect(polls().some((p) => p.url.pathname === db && p.url.searchParams.get('limit') === '10'), `${db} polled with limit 10`).to.equal(true);
    }
    const atCentral = await h.central.state.couch.nano.use('store-s1').fetch({ keys: sold });
    expect(atCentral.rows.filter((r) => 'doc' in r && r.doc).length, 'every sale is at central').to.equal(sold.length);
  });

  it('gets a POS setting an admin changes, which the till reads at its next use', async function () {
    const put = await admin('PUT', '/config/pos', { value: { cashierMaxDiscountPct: 25 } });
    expect(put.status).to.equal(200);
    let limit = 0;
    await waitFor(async () => {
      const doc = await local.catalog.get('settings:pos').catch((err: { status?: number }) => {
        if (err.status === 404) return undefined; // not pulled yet: keep waiting
        throw err;
      }) as Settings | undefined;
      limit = posSettings(doc).cashierMaxDiscountPct;
      return limit === 25;
    }, { timeoutMs: 30_000, what: 'settings:pos at the till' });
    expect(limit).to.equal(25);
  });
});
