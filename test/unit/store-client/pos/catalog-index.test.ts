// The POS's in-memory catalog index over an in-memory PouchDB (no network): what it hands to
// the readers that follow it instead of opening a live feed of their own (the settings:sync follower),
// and that it follows the catalog again after a first start handed it the snapshot's pages.
import { expect } from 'chai';
import { createNodePouch, type Db } from '../../../../store-client/index.js';
import { CatalogIndex } from '../../../../store-client/pos/services/catalog-index.js';
import { loadSnapshot, type SnapshotDoc } from '../../../../store-client/snapshot/index.js';
import { waitFor } from '../../../helpers/wait-for.js';

const PouchDB = createNodePouch();

describe('store-client/pos/services/catalog-index', () => {
  let db: Db;
  let index: CatalogIndex;
  beforeEach(async () => {
    db = new PouchDB(`catalog-index-${process.pid}-${Date.now()}`, { adapter: 'memory' }) as unknown as Db;
    index = new CatalogIndex(db);
  });
  afterEach(async () => {
    index.stop();
    await db.destroy();
  });

  it('hands its followers every document it applies: the first read\'s, then each change, none after unsubscribing', async () => {
    await db.put({ _id: 'settings:sync', type: 'settings', value: { batchSize: 50 } });
    const seen: string[] = [];
    const unsubscribe = index.follow((doc) => seen.push(`${doc._id}${doc._deleted ? ' deleted' : ''}`));
    await index.start();
    expect(seen).to.deep.equal(['settings:sync']);
    const product = await db.put({ _id: 'product:A-1', type: 'product', sku: 'A-1', model: 'A', name: 'A', colour: 'NEG', size: '25', price: 100, cost: 50, active: true });
    await waitFor(() => seen.length === 2, { timeoutMs: 5000, what: 'the change handed on' });
    await db.remove('product:A-1', product.rev);
    await waitFor(() => seen.length === 3, { timeoutMs: 5000, what: 'the deletion handed on' });
    expect(seen).to.deep.equal(['settings:sync', 'product:A-1', 'product:A-1 deleted']);
    unsubscribe();
    await db.put({ _id: 'product:B-1', type: 'product' });
    await waitFor(async () => Number((await db.info()).doc_count) === 2, { timeoutMs: 5000, what: 'the write' });
    await new Promise((r) => setTimeout(r, 100));
    expect(seen, 'nothing after unsubscribing').to.have.length(3);
  });

  it('finds a product written after a snapshot load that handed it the pages, and one written during it', async () => {
    await index.start();
    const product = (sku: string, rev?: string): SnapshotDoc => ({
      _id: `product:${sku}`, type: 'product', sku, model: 'A', name: `A ${sku}`, colour: 'NEG', size: sku.slice(-2), price: 100, cost: 50, active: true,
      ...(rev ? { _rev: rev, _revisions: { start: 1, ids: [rev.slice(2)] } } : {}),
    } as SnapshotDoc);
    const pages = [[product('A-25', '1-a25')], [product('A-26', '1-a26')]];
    const fetch = () => Promise.resolve(new Response([
      { kind: 'head', db: 'catalog', since: 0, total: 2 },
      ...pages.map((docs, i) => ({ kind: 'page', seq: i + 1, docs })),
      { kind: 'done', last_seq: 2 },
    ].map((l) => `${JSON.stringify(l)}\n`).join(''), { status: 200 }));
    const sink = index.snapshotPages();
    const remote = new PouchDB(`catalog-index-remote-${process.pid}-${Date.now()}`, { adapter: 'memory' }) as unknown as Db;
    try {
      const during = { ...sink, page: (docs: readonly SnapshotDoc[]) => {
        sink.page(docs);
        if (docs[0]?.sku === 'A-25') void db.put(product('A-27'));
      } };
      expect(await loadSnapshot({ db: 'catalog', local: db, remote, fetch, pages: during })).to.equal('loaded');
    } finally {
      await remote.destroy();
    }
    await db.put(product('A-28'));
    await waitFor(() => index.find('A-28') !== undefined, { timeoutMs: 5000, what: 'the product written after the load in the index' });
    expect(['A-25', 'A-26', 'A-27', 'A-28'].map((sku) => index.find(sku)?.sku)).to.deep.equal(['A-25', 'A-26', 'A-27', 'A-28']);
  });
});
