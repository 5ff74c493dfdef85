// store-client/checkpoint-cache: within one connect a till's replications (one-shot phases, then
// the same replications live) read each of central's checkpoint documents once and then know
// them from what they read or wrote; every connect asks central again, so a store database
// restored while the till was away (no `_local/` documents) gets every sale again. A checkpoint
// someone else rewrote meanwhile costs one refused write (409), a fresh read and the write
// again, and the replication completes with its checkpoint right.
// Against the embedded server, requests counted at the remote's fetch.
import { expect } from 'chai';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { waitFor } from '../../helpers/wait-for.js';
import { createClock, createNodePouch, recordSale, SyncManager, type Clock } from '../../../store-client/index.js';
import { cacheCheckpoints } from '../../../store-client/checkpoint-cache.js';
import { setupStoreDatabase } from '../../../central/setup/run-setup.js';
import { externalCouchUrl } from '../../helpers/external-couch.js';
import type { Db } from '../../../store-client/pouch-types.js';

const PouchDB = createNodePouch();

interface Sent { db: 'store' | 'catalog'; method: string; path: string; status?: number }

describe('store-client/checkpoint-cache (integration)', function () {
  this.timeout(120_000);
  let couch: TestCouch;
  let unique = 0;
  const cleanup: Array<() => Promise<unknown>> = [];
  before(async () => {
    couch = await startTestCouch();
  });
  afterEach(async () => {
    for (const done of cleanup.splice(0)) await done();
  });
  after(async () => {
    await couch?.stop();
  });

  async function storeWithLog() {
    const storeId = `ck${process.pid % 1000}-${unique++}`;
    const store = await couch.createStore(storeId);
    const log: Sent[] = [];
    const fetchFor = (db: Sent['db']) => async (url: string | Request, init: RequestInit = {}) => {
      const { pathname } = new URL(String(url));
      const sent: Sent = { db, method: init.method ?? 'GET', path: decodeURIComponent(pathname.split('/').slice(2).join('/')) };
      log.push(sent);
      const res = await PouchDB.fetch(url as string, init as never);
      sent.status = res.status;
      return res;
    };
    const remote = (url: string, db: Sent['db']) => new PouchDB(url, { auth: store.account, skip_setup: true, fetch: fetchFor(db) } as never) as unknown as Db;
    return { storeId, store, log, remote };
  }

  /** Checkpoints read and found (a missing one, a first replication's, is not remembered: read again before its first write). */
  const checkpointReads = (log: Sent[]) => log.filter((s) => s.method === 'GET' && s.path.startsWith('_local/') && s.status === 200).map((s) => `${s.db} ${s.path}`);

  /** A till of a new store with a SyncManager on logged remotes; `sell(n, price)` records n sales, their ids. */
  async function tillWithLog(name: string) {
    const { storeId, store, log, remote } = await storeWithLog();
    const local = {
      store: new PouchDB(`ck-${name}-${storeId}`, { adapter: 'memory' }) as unknown as Db,
      catalog: new PouchDB(`ck-${name}-cat-${storeId}`, { adapter: 'memory' }) as unknown as Db,
    };
    const device = `${storeId}.pos1`;
    const clock: Clock = await createClock(local.store, device);
    const manager = new SyncManager({
      storeId, deviceId: device, local, clock, backoff: { baseMs: 50, maxMs: 200 },
      remote: { store: remote(store.storeDbUrl, 'store'), catalog: remote(store.catalogUrl, 'catalog') },
    });
    cleanup.push(async () => {
      await manager.stop();
      await local.store.destroy();
      await local.catalog.destroy();
    });
    const online = (pending: number) => waitFor(() => manager.status.state === 'online' && manager.status.pending === pending, { what: `online with ${pending} pending` });
    const sell = async (n: number, price: number) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        ids.push((await recordSale(local.store, clock, { store: storeId, device, cashier: 'ana' }, {
          lines: [{ sku: 'TEN-001-25.5', qty: 1, unitPrice: price + i }], payments: [{ method: 'cash', amount: price + i }],
        }))._id);
      }
      return ids;
    };
    return { storeId, log, manager, online, sell };
  }

  it('reads each remote checkpoint at most once a connect, asks central again on a reconnect, and converges', async () => {
    const { storeId, log, manager, online, sell: sellAt } = await tillWithLog('store');
    const sell = (n: number) => sellAt(n, 1_000);
    const before = await sell(5);
    await manager.start();
    await online(0);
    const firstReads = checkpointReads(log);
    expect(new Set(firstReads).size, `each checkpoint found read once on the first connect: ${firstReads.join(', ')}`).to.equal(firstReads.length);

    // Offline sales, then a reconnect of the same till: each checkpoint is asked of central
    // again (it may have lost it meanwhile), once.
    await manager.stop();
    const after = await sell(20);
    const from = log.length;
    await manager.start();
    await online(0);
    const again = checkpointReads(log.slice(from));
    expect(again.length, 'checkpoints read again on the reconnect').to.be.greaterThan(0);
    expect(new Set(again).size, `each checkpoint read once on the reconnect: ${again.join(', ')}`).to.equal(again.length);
    expect(log.slice(from).some((s) => s.method === 'PUT' && s.path.startsWith('_local/')), 'checkpoints written on the reconnect').to.equal(true);

    const central = await couch.nano.use(`store-${storeId}`).list({ startkey: 'sale:', endkey: 'sale:\ufff0' });
    expect(central.rows.map((r) => r.id).sort()).to.deep.equal([...before, ...after].sort());
  });

  it('sends every sale again to a store database restored while the till was away, whose checkpoints are gone', async () => {
    const { storeId, manager, online: onlineWith, sell: sellAt } = await tillWithLog('restore');
    const sell = (n: number) => sellAt(n, 2_000);
    const online = () => onlineWith(0);
    const before = await sell(5);
    await manager.start();
    await online();
    await manager.stop();

    // Central's store database restored from a backup older than those sales: no sale, no `_local/`.
    await couch.nano.db.destroy(`store-${storeId}`);
    await setupStoreDatabase(couch.nano, storeId);
    const after = await sell(3);
    await manager.start();
    await online();
    const central = await couch.nano.use(`store-${storeId}`).list({ startkey: 'sale:', endkey: 'sale:\ufff0' });
    expect(central.rows.map((r) => r.id).sort(), 'the sales before the restore are sent again').to.deep.equal([...before, ...after].sort());
  });

  it('after another writer rewrote the checkpoint, a write is refused once, read again and retried (CouchDB: taken), and the push completes with its checkpoint right', async () => {
    const { storeId, store, log, remote } = await storeWithLog();
    const db = cacheCheckpoints(remote(store.storeDbUrl, 'store'));
    const local = new PouchDB(`ck-push-${storeId}`, { adapter: 'memory' }) as unknown as Db;
    cleanup.push(() => local.destroy());
    const device = `${storeId}.pos1`;
    const clock: Clock = await createClock(local, device);
    const sell = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await recordSale(local, clock, { store: storeId, device, cashier: 'ana' }, {
          lines: [{ sku: 'TEN-001-25.5', qty: 1, unitPrice: 1_000 + i }], payments: [{ method: 'cash', amount: 1_000 + i }],
        });
      }
    };
    await sell(3);
    await local.replicate.to(db, { retry: false });
    const checkpoint = log.find((s) => s.method === 'PUT' && s.path.startsWith('_local/'))!.path;

    // Someone else (another tab of the same till) writes the same checkpoint: our known `_rev` is stale.
    const other = new PouchDB(store.storeDbUrl, { auth: store.account, skip_setup: true } as never);
    const current = await other.get(checkpoint) as { last_seq: unknown };
    await other.put({ ...current, history: [] });

    await sell(4);
    const from = log.length;
    await local.replicate.to(db, { retry: false });
    const second = log.slice(from).filter((s) => s.path === checkpoint).map((s) => `${s.method} ${s.status}`);
    // Apache CouchDB checks no _rev of a _local document (test/conformance/local-docs.test.ts).
    if (externalCouchUrl() === undefined) expect(second, 'refused on the stale rev, read again, written').to.deep.equal(['PUT 409', 'GET 200', 'PUT 201']);
    else expect(second, 'CouchDB: written over the other writer').to.deep.equal(['PUT 201']);
    // On a cluster a read of the checkpoint meets one copy, which may not have the last write yet.
    const last = (await local.info()).update_seq;
    await waitFor(async () => ((await other.get(checkpoint)) as { last_seq: unknown }).last_seq === last, { what: `the checkpoint at central to say ${last}` });
    // Every sale at central, each read by quorum: `_all_docs` reads one copy of each shard, which
    // on a cluster may not have the last quorum write yet.
    const sold = (await local.allDocs({ startkey: 'sale:', endkey: 'sale:\ufff0' })).rows.map((r) => r.id);
    expect(sold).to.have.length(7);
    const atCentral = await Promise.all(sold.map((id) => other.get(id).then((d) => d._id)));
    expect(atCentral).to.deep.equal(sold);
  });
});
