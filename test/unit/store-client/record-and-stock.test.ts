import { expect } from 'chai';
import { buildDesignDocs } from '../../../design-docs/index.js';
import {
  createClock, createNodePouch, findProduct, recordMove, recordSale, refreshStockView, stockOf, stockOfMany, type Clock,
} from '../../../store-client/index.js';
import { isProntoError } from '../../../validators/errors.js';

const PouchDB = createNodePouch();
let n = 0;

describe('store-client/record-sale, record-move, stock-of, find-product', () => {
  let storeDb: PouchDB.Database;
  let catalogDb: PouchDB.Database;
  let clock: Clock;
  const till = { store: 's1', device: 's1.pos1', cashier: 'ana' };

  beforeEach(async () => {
    storeDb = new PouchDB(`rs-store-${n}`, { adapter: 'memory' });
    catalogDb = new PouchDB(`rs-catalog-${n++}`, { adapter: 'memory' });
    // Views only: PouchDB does not run validate_doc_update locally.
    const { _id, views } = buildDesignDocs().store;
    await storeDb.put({ _id, views });
    clock = await createClock(storeDb, 's1.pos1');
  });
  afterEach(async () => {
    await storeDb.destroy();
    await catalogDb.destroy();
  });

  it('records opening stock and sales, and the stock view nets them per SKU', async () => {
    await recordMove(storeDb, clock, till, { kind: 'opening', lines: [{ sku: 'TEN-001-25.5', qty: 10 }, { sku: 'CAL-9', qty: 3 }] });
    const sale = await recordSale(storeDb, clock, till, {
      lines: [{ sku: 'TEN-001-25.5', qty: 2, unitPrice: 129900 }],
      payments: [{ method: 'card', amount: 259800 }],
    });
    expect(sale._id).to.match(/^sale:s1:\d{4}-.*-s1\.pos1$/);
    expect(sale._rev).to.be.a('string');
    expect(await stockOf(storeDb, 's1', 'TEN-001-25.5')).to.equal(8);
    expect(await stockOf(storeDb, 's1', 'NOPE-1')).to.equal(0);
    expect(await stockOfMany(storeDb, 's1')).to.deep.equal({ 'CAL-9': 3, 'TEN-001-25.5': 8 });
    expect(await stockOfMany(storeDb, 's1', ['CAL-9', 'NOPE-1'])).to.deep.equal({ 'CAL-9': 3, 'NOPE-1': 0 });
  });

  it('refreshStockView indexes a sale written since the last read, so a read that does not update the view already counts it', async () => {
    await recordMove(storeDb, clock, till, { kind: 'opening', lines: [{ sku: 'TEN-001-25.5', qty: 10 }] });
    expect(await stockOf(storeDb, 's1', 'TEN-001-25.5')).to.equal(10);
    await recordSale(storeDb, clock, till, { lines: [{ sku: 'TEN-001-25.5', qty: 3, unitPrice: 100 }], payments: [{ method: 'cash', amount: 300 }] });
    const indexed = async () => (await storeDb.query('pronto/stock', { key: ['s1', 'TEN-001-25.5'], reduce: true, group: true, stale: 'ok' })).rows[0]?.value;
    expect(await indexed()).to.equal(10);
    await refreshStockView(storeDb);
    expect(await indexed()).to.equal(7);
  });

  it('takes a sale\'s business day from its stamp (central\'s measured time), not from the raw device clock', async () => {
    // The device clock says 2026-11-25 03:00 UTC (the 24th in Mexico City at 21:00)... a day ahead.
    const device = Date.parse('2026-11-26T03:00:00.000Z');
    const central = Date.parse('2026-11-25T03:00:00.000Z');
    const corrected = await createClock(storeDb, 's1.pos1', { now: () => device, reference: () => central });
    const sale = await recordSale(storeDb, corrected, { ...till, now: () => device }, {
      lines: [{ sku: 'TEN-001-25.5', qty: 1, unitPrice: 100 }],
      payments: [{ method: 'cash', amount: 100 }],
    });
    expect(sale.businessDay).to.equal('2026-11-24');
    expect(sale._id).to.contain('2026-11-25T03:00:00.000Z');
  });

  it('refuses an invalid document before writing anything', async () => {
    const before = (await storeDb.info()).doc_count;
    let caught: unknown;
    try {
      await recordMove(storeDb, clock, till, { kind: 'adjustment', lines: [{ sku: 'TEN-001-25.5', qty: -1 }] });
    } catch (err) {
      caught = err;
    }
    expect(isProntoError(caught, 'VALIDATION_FAILED'), String(caught)).to.equal(true);
    expect((await storeDb.info()).doc_count).to.equal(before);
  });

  it('finds a product by exact SKU or by barcode, and null otherwise', async () => {
    const product = {
      _id: 'product:TEN-001-25.5', type: 'product', sku: 'TEN-001-25.5', model: 'TEN-001', name: 'Tenis', colour: 'negro',
      size: '25.5', price: 129900, cost: 60000, barcode: '7501234567890', active: true,
      updatedAt: '2026-11-24T17:03:09.120Z-0000-central', updatedBy: 'admin',
    };
    await catalogDb.put(product);
    expect((await findProduct(catalogDb, 'TEN-001-25.5'))?.sku).to.equal('TEN-001-25.5');
    expect((await findProduct(catalogDb, '7501234567890'))?.sku).to.equal('TEN-001-25.5');
    expect(await findProduct(catalogDb, '0000000000000')).to.equal(null);
    expect(await findProduct(catalogDb, '')).to.equal(null);
  });
});
