// After a store snapshot (store-client/snapshot/pass-delivered), against a real server (embedded)
// and real PouchDB: the till's first pushes start past what central sent, so they ask central
// about none of it, and a sale recorded while the snapshot was being written still reaches
// central, once; nothing is pending after, and central holds each document as it was.
import { expect } from 'chai';
import { PassThrough, Readable } from 'node:stream';
import { snapshotPages, writeSnapshot } from '../../../central/snapshot/index.js';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { onEveryCopy } from '../../helpers/every-copy.js';
import { waitFor } from '../../helpers/wait-for.js';
import { storeYear } from '../../../bench/lib/store-year.js';
import { createClock, createNodePouch, loadFirstStartSnapshots, recordSale, SyncManager, type Db } from '../../../store-client/index.js';
import type { SnapshotFetch } from '../../../store-client/snapshot/index.js';

const PouchDB = createNodePouch();
const DOCS = 2_500;

describe('store snapshot: the first pushes start past what it delivered (integration)', function () {
  this.timeout(120_000);
  let couch: TestCouch;
  let unique = 0;
  const cleanup: Array<() => Promise<unknown>> = [];

  before(async () => { couch = await startTestCouch(); });
  afterEach(async () => { for (const done of cleanup.splice(0).reverse()) await done(); });
  after(async () => couch?.stop());

  /** Central's snapshot route in this process (the same pages and lines, no HTTP); `afterPage` runs before each page after the first is sent. */
  const snapshotsOf = (afterPage?: () => Promise<void>): SnapshotFetch => async (db, since, _signal, from) => {
    const out = new PassThrough();
    const total = (await couch.nano.db.get(db)).doc_count;
    async function* pages() {
      let sent = 0;
      for await (const page of snapshotPages(couch.nano, db, since, from)) {
        if (sent++ > 0 && afterPage) await afterPage();
        yield page;
      }
    }
    writeSnapshot(out, { db, since, total, ...(from ? { from } : {}) }, [], pages()).then(() => out.end(), (err: unknown) => out.destroy(err as Error));
    return new Response(Readable.toWeb(out) as ReadableStream<Uint8Array>, { status: 200 });
  };

  async function storeWithHistory() {
    const storeId = `pp${process.pid % 1000}-${unique++}`;
    const store = await couch.createStore(storeId);
    const docs = storeYear({ store: storeId, count: DOCS, from: '2026-06-01' });
    // Every copy (w=n): a snapshot reads one copy of each shard, which a quorum write may not have reached yet.
    const db = `store-${storeId}`;
    await couch.nano.use(db).bulk({ docs: docs as never[] }, await onEveryCopy(couch.nano, db));
    const sent: { endpoint: string; body: string }[] = [];
    const recording = async (url: string | Request, init: RequestInit = {}) => {
      sent.push({ endpoint: new URL(String(url)).pathname.split('/').slice(2).join('/'), body: typeof init.body === 'string' ? init.body : '' });
      return PouchDB.fetch(url as string, init as never);
    };
    const remoteOpts = { auth: store.account, skip_setup: true, fetch: recording };
    const local = { store: new PouchDB(`pp-store-${storeId}`, { adapter: 'memory' }) as unknown as Db, catalog: new PouchDB(`pp-catalog-${storeId}`, { adapter: 'memory' }) as unknown as Db };
    const remote = { store: new PouchDB(store.storeDbUrl, remoteOpts) as unknown as Db, catalog: new PouchDB(store.catalogUrl, remoteOpts) as unknown as Db };
    cleanup.push(() => Promise.all([local.store.destroy(), local.catalog.destroy()]));
    return { storeId, local, remote, sent, ids: docs.map((d) => d._id) };
  }

  async function syncUntilCaughtUp(t: Awaited<ReturnType<typeof storeWithHistory>>): Promise<void> {
    const manager = new SyncManager({ storeId: t.storeId, deviceId: `${t.storeId}.pos9`, local: t.local, remote: t.remote, backoff: { baseMs: 50, maxMs: 200 } });
    cleanup.push(() => manager.stop());
    await manager.start();
    await waitFor(() => manager.status.state === 'online' && manager.status.pending === 0, { what: 'the till online with nothing pending', timeoutMs: 60_000 });
  }

  it('asks central about none of the documents its snapshot brought', async () => {
    const t = await storeWithHistory();
    expect(await loadFirstStartSnapshots({ storeId: t.storeId, local: t.local, remote: t.remote, fetch: snapshotsOf() })).to.include({ [`store-${t.storeId}`]: 'loaded' });
    expect((await t.local.store.info()).doc_count).to.be.at.least(DOCS);
    t.sent.length = 0;
    await syncUntilCaughtUp(t);
    const asked = t.sent.filter((s) => s.endpoint === '_revs_diff' || s.endpoint === '_bulk_docs').map((s) => s.body).join('\n');
    const loadedAsked = t.ids.filter((id) => asked.includes(id));
    expect(loadedAsked, 'loaded documents sent to _revs_diff or _bulk_docs').to.deep.equal([]);
  });

  it('has the stock view built by the end of the load, before any stock question', async () => {
    const t = await storeWithHistory();
    await loadFirstStartSnapshots({ storeId: t.storeId, local: t.local, remote: t.remote, fetch: snapshotsOf() });
    // `stale: 'ok'` answers from the index as it is, without bringing it up to date first.
    const asBuilt = await t.local.store.query('pronto/stock', { stale: 'ok', reduce: true, group: true });
    const current = await t.local.store.query('pronto/stock', { reduce: true, group: true });
    expect(current.rows.length).to.be.above(0);
    expect(asBuilt.rows).to.deep.equal(current.rows);
  });

  it('still pushes a sale recorded while the snapshot was being written, once', async () => {
    const t = await storeWithHistory();
    const device = `${t.storeId}.pos9`;
    const clock = await createClock(t.local.store, device);
    let saleId: string | undefined;
    const duringLoad = async () => {
      if (saleId) return;
      saleId = (await recordSale(t.local.store, clock, { store: t.storeId, device, cashier: 'ana' }, {
        lines: [{ sku: 'TEN-001-25.5', qty: 1, unitPrice: 1_000 }], payments: [{ method: 'cash', amount: 1_000 }],
      }))._id;
    };
    await loadFirstStartSnapshots({ storeId: t.storeId, local: t.local, remote: t.remote, fetch: snapshotsOf(duringLoad) });
    expect(saleId, 'a sale was recorded between two pages').to.be.a('string');
    await syncUntilCaughtUp(t);
    const central = await couch.nano.use(`store-${t.storeId}`).get(saleId!);
    expect(central._rev).to.equal((await t.local.store.get(saleId!))._rev);
    const sales = await couch.nano.use(`store-${t.storeId}`).list({ startkey: 'sale:', endkey: 'sale:\ufff0' });
    expect(sales.rows.every((r) => r.value.rev.startsWith('1-')), 'every sale at central once, unchanged').to.equal(true);
  });
});
