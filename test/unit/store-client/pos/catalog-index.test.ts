// The POS's in-memory catalog index over an in-memory PouchDB (no network): what it hands to
// the readers that follow it instead of opening a live feed of their own (the settings:sync follower).
import { expect } from 'chai';
import { createNodePouch, type Db } from '../../../../store-client/index.js';
import { CatalogIndex } from '../../../../store-client/pos/services/catalog-index.js';
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
});
