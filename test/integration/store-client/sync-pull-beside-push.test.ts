// The store's one-shot pull runs beside the money push on a reconnect (sync-manager, replication-
// phases): it is asked of central before the money push's first write is answered, so it reads
// central's changes as they were, not the till's own backlog after the push. A failure of either
// side fails the whole connect, which is retried, and the till still converges: every offline
// sale at central once, a document written at central pulled, nothing pending.
import { expect } from 'chai';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { waitFor } from '../../helpers/wait-for.js';
import { createClock, createNodePouch, recordSale, SyncManager, type Clock } from '../../../store-client/index.js';

const PouchDB = createNodePouch();
const OFFLINE_SALES = 30;

interface Sent { db: 'store' | 'catalog'; method: string; endpoint: string; sentAt: number; answeredAt?: number }

describe('store-client/sync-manager store pull beside the money push (integration)', function () {
  this.timeout(90_000);
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

  /** A till with `OFFLINE_SALES` sales recorded offline, a document waiting for it at central,
   * and a recording fetch; `failFirstPull` makes the store pull's first `_changes` fail. */
  async function offlineTill(failFirstPull = false) {
    const storeId = `pb${process.pid % 1000}-${unique++}`;
    const store = await couch.createStore(storeId);
    const log: Sent[] = [];
    let clockTick = 0;
    let pullFailures = 0;
    const fetchFor = (db: Sent['db']) => async (url: string | Request, init: RequestInit = {}) => {
      const { pathname } = new URL(String(url));
      const endpoint = pathname.split('/').slice(2).join('/');
      const sent: Sent = { db, method: init.method ?? 'GET', endpoint, sentAt: clockTick++ };
      log.push(sent);
      if (failFirstPull && db === 'store' && endpoint === '_changes' && pullFailures === 0) {
        pullFailures++;
        throw Object.assign(new TypeError('fetch failed (test: the store pull cut)'), { code: 'ECONNRESET' });
      }
      const res = await PouchDB.fetch(url as string, init as never);
      sent.answeredAt = clockTick++;
      return res;
    };
    const remoteOpts = (db: Sent['db']) => ({ auth: store.account, skip_setup: true, fetch: fetchFor(db) });
    const local = {
      store: new PouchDB(`pb-store-${storeId}`, { adapter: 'memory' }),
      catalog: new PouchDB(`pb-catalog-${storeId}`, { adapter: 'memory' }),
    };
    const device = `${storeId}.pos1`;
    const clock: Clock = await createClock(local.store, device);
    const saleIds: string[] = [];
    for (let i = 0; i < OFFLINE_SALES; i++) {
      const sale = await recordSale(local.store, clock, { store: storeId, device, cashier: 'ana' }, {
        lines: [{ sku: 'TEN-001-25.5', qty: 1, unitPrice: 1_000 + i }], payments: [{ method: 'cash', amount: 1_000 + i }],
      });
      saleIds.push(sale._id);
    }
    // Written at central while the till was offline: the pull must bring it.
    const fromCentral = { _id: `store-status:${storeId}:${storeId}.pos2`, type: 'store-status', store: storeId, device: `${storeId}.pos2`, state: 'online', pending: 0, updatedAt: `${new Date().toISOString()}-0000-central`, updatedBy: 'admin' };
    await couch.nano.use(`store-${storeId}`).insert(fromCentral as never);
    const manager = new SyncManager({
      storeId, deviceId: device, local, clock, backoff: { baseMs: 50, maxMs: 200 },
      remote: { store: new PouchDB(store.storeDbUrl, remoteOpts('store')), catalog: new PouchDB(store.catalogUrl, remoteOpts('catalog')) },
    });
    cleanup.push(async () => {
      await manager.stop();
      await local.store.destroy();
      await local.catalog.destroy();
    });
    return { storeId, local, manager, log, saleIds, fromCentral, pullFailures: () => pullFailures };
  }

  async function converged(till: Awaited<ReturnType<typeof offlineTill>>): Promise<void> {
    await waitFor(async () => till.manager.status.state === 'online' && till.manager.status.pending === 0 &&
      (await till.local.store.get(till.fromCentral._id).then(() => true, () => false)), { what: 'the till to converge' });
    const central = await couch.nano.use(`store-${till.storeId}`).list({ startkey: 'sale:', endkey: 'sale:\ufff0' });
    expect(central.rows.map((r) => r.id).sort()).to.deep.equal([...till.saleIds].sort());
    for (const row of central.rows) expect(row.value.rev, row.id).to.match(/^1-/);
    const writes = till.log.filter((s) => s.db === 'store' && s.endpoint === '_bulk_docs' && s.answeredAt !== undefined);
    expect(writes.length, 'the money push wrote the sales').to.be.greaterThan(0);
  }

  it('asks central for the store\'s changes before the money push\'s first write is answered, and converges', async () => {
    const till = await offlineTill();
    await till.manager.start();
    await converged(till);
    const firstWrite = till.log.find((s) => s.db === 'store' && s.endpoint === '_bulk_docs');
    const firstPull = till.log.find((s) => s.db === 'store' && s.endpoint === '_changes');
    expect(firstWrite?.answeredAt, 'the money push\'s first write answered').to.not.equal(undefined);
    expect(firstPull, 'a store pull').to.not.equal(undefined);
    expect(firstPull!.sentAt, 'the store pull sent before the first write was answered').to.be.below(firstWrite!.answeredAt!);
  });

  it('fails the connect when the store pull fails beside the money push, retries, and converges without a sale lost or written twice', async () => {
    const till = await offlineTill(true);
    await till.manager.start();
    await converged(till);
    expect(till.pullFailures(), 'the store pull was cut once').to.equal(1);
    expect(till.manager.status.attempt, 'a successful reconnect resets the attempts').to.equal(0);
  });
});
