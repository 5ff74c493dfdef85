import { expect } from 'chai';
import { buildDesignDocs, type DesignDocKind } from '../../../design-docs/index.js';
import { customer, move, product, sale, saleReturn, saleVoid, store } from '../validators/fixtures.js';
import { couchSandbox } from './couch-sandbox.js';

const docs = buildDesignDocs();
const quarantined = { reason: 'bad signature', at: sale.updatedAt };
const created = '2026-01-05T10:00:00.000Z-0000-s2.pos1';
const hash = 'n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg';
/** A customer with plain (not yet encrypted) phone and tax id, as written before blind indexes. */
const plain = {
  _id: 'customer:1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', type: 'customer', updatedAt: sale.updatedAt, updatedBy: 's2.pos1',
  createdAt: created, name: 'Lucía Hernández', phone: '+52 (55) 1234-5678', taxId: 'hegl-850101 ab3',
};

const conflictRecord = {
  _id: 'conflict:catalog:product:x:1', type: 'conflict', db: 'catalog', docId: 'product:x', status: 'pending', strategy: 'lww', revisions: ['1-a', '1-b'],
  detectedAt: '2026-11-24T10:00:00.000Z-0000-central', updatedAt: '2026-11-24T10:00:00.000Z-0000-central', updatedBy: 'central',
};

const cases: { kind: DesignDocKind; view: string; doc: object; emits: unknown[][]; what: string }[] = [
  {
    kind: 'store', view: 'stock', doc: sale, what: 'a sale takes each line out of stock',
    emits: [[['s1', 'PR-1001-NEG-25.5'], -1], [['s1', 'PR-2002-CAF-27'], -2]],
  },
  { kind: 'store', view: 'stock', doc: move, what: 'a move counts its signed lines', emits: [[['s1', 'PR-1001-NEG-25.5'], -1]] },
  {
    kind: 'store', view: 'stock', doc: { ...move, kind: 'receipt', lines: [{ sku: 'PR-2002-CAF-27', qty: 12 }] },
    what: 'a receipt puts stock in', emits: [[['s1', 'PR-2002-CAF-27'], 12]],
  },
  { kind: 'store', view: 'stock', doc: { ...sale, quarantined }, what: 'a quarantined sale does not count', emits: [] },
  { kind: 'store', view: 'stock', doc: { ...move, quarantined }, what: 'a quarantined move does not count', emits: [] },
  { kind: 'store', view: 'stock', doc: saleReturn, what: 'a return puts its lines back into stock', emits: [[['s1', 'PR-2002-CAF-27'], 1]] },
  {
    kind: 'store', view: 'stock', doc: saleVoid, what: 'a void puts every line of the sale back',
    emits: [[['s1', 'PR-1001-NEG-25.5'], 1], [['s1', 'PR-2002-CAF-27'], 2]],
  },
  { kind: 'store', view: 'stock', doc: { ...saleReturn, quarantined }, what: 'a quarantined return does not count', emits: [] },
  { kind: 'store', view: 'returns-by-day', doc: saleReturn, what: 'a return adds its refund to its day', emits: [[['s1', '2026-11-25'], 50000]] },
  { kind: 'store', view: 'returns-by-day', doc: saleVoid, what: 'a void adds its refund to its day', emits: [[['s1', '2026-11-24'], 219900]] },
  { kind: 'store', view: 'returns-by-day', doc: sale, what: 'a sale is not a return', emits: [] },
  { kind: 'store', view: 'returns-by-day', doc: { ...saleVoid, quarantined }, what: 'a quarantined return is not counted', emits: [] },
  {
    kind: 'store', view: 'returns-by-sale', doc: saleReturn, what: 'a return is keyed by its sale, valued by kind and the lines given back',
    emits: [[sale._id, { kind: 'return', lines: [{ line: 1, qty: 1, discount: 0 }] }]],
  },
  {
    kind: 'store', view: 'returns-by-sale', doc: saleVoid, what: 'a void lists every line of its sale',
    emits: [[sale._id, { kind: 'void', lines: [{ line: 0, qty: 1, discount: 10000 }, { line: 1, qty: 2, discount: 0 }] }]],
  },
  { kind: 'store', view: 'returns-by-sale', doc: { ...saleReturn, quarantined }, what: 'a quarantined return gives nothing back', emits: [] },
  { kind: 'store', view: 'returns-by-sale', doc: sale, what: 'a sale is not listed', emits: [] },
  {
    kind: 'store', view: 'quarantined-returns-by-sale', doc: { ...saleReturn, quarantined }, what: 'a quarantined return is keyed by its sale, valued by the reason',
    emits: [[sale._id, 'bad signature']],
  },
  { kind: 'store', view: 'quarantined-returns-by-sale', doc: saleReturn, what: 'a counted return is not listed', emits: [] },
  { kind: 'store', view: 'quarantined-returns-by-sale', doc: { ...sale, quarantined }, what: 'a quarantined sale is not listed', emits: [] },
  {
    kind: 'store', view: 'quarantined', doc: { ...sale, quarantined }, what: 'a quarantined sale is listed by id with its reason',
    emits: [[sale._id, { type: 'sale', reason: 'bad signature', at: sale.updatedAt, device: sale.device, total: sale.total }]],
  },
  { kind: 'store', view: 'quarantined', doc: { ...move, quarantined }, what: 'a quarantined move is listed', emits: [[move._id, { type: 'move', reason: 'bad signature', at: sale.updatedAt, device: move.device }]] },
  { kind: 'store', view: 'quarantined', doc: sale, what: 'a counted sale is not listed', emits: [] },
  { kind: 'store', view: 'quarantined', doc: { ...product, quarantined }, what: 'only sales, returns and moves are listed', emits: [] },
  { kind: 'store', view: 'sales-by-day', doc: saleReturn, what: 'a return is not a sale', emits: [] },
  { kind: 'store', view: 'sales-by-day', doc: sale, what: 'a sale adds its total to its day', emits: [[['s1', '2026-11-24'], 219900]] },
  { kind: 'store', view: 'sales-by-day', doc: move, what: 'a move is not a sale', emits: [] },
  { kind: 'store', view: 'sales-by-day', doc: { ...sale, quarantined }, what: 'a quarantined sale is not counted', emits: [] },
  { kind: 'store', view: 'quarantined-by-kind', doc: { ...sale, quarantined }, what: 'a quarantined sale is counted under its store and type', emits: [[['s1', 'sale', sale.updatedAt], null]] },
  { kind: 'store', view: 'quarantined-by-kind', doc: sale, what: 'a counted sale is not listed as quarantined', emits: [] },
  {
    kind: 'store', view: 'quarantined-by-kind', doc: { ...saleReturn, quarantined: { reason: 'return/lines/0: refunds 60000 for 1 of sale line 1, which was paid 50000 for 1', at: sale.updatedAt } },
    what: 'a return refunding more than its sale is its own kind', emits: [[['s1', 'refund-above-sale', sale.updatedAt], null]],
  },
  {
    kind: 'store', view: 'quarantined-by-kind', doc: { ...saleReturn, quarantined: { reason: 'return/lines/0: gives back 3 of sale line 1 (X), which sold 2', at: sale.updatedAt } },
    what: 'a return giving back more units than sold is a refund above the sale', emits: [[['s1', 'refund-above-sale', sale.updatedAt], null]],
  },
  { kind: 'store', view: 'quarantined-by-kind', doc: { ...saleReturn, quarantined }, what: 'a return quarantined for another reason stays a return', emits: [[['s1', 'return', sale.updatedAt], null]] },
  { kind: 'store', view: 'conflicts', doc: { ...sale, _rev: '2-a', _conflicts: ['2-b'] }, what: 'a conflicted doc lists its live leaves, winner first', emits: [[sale._id, ['2-a', '2-b']]] },
  { kind: 'catalog', view: 'conflicts', doc: product, what: 'a doc without conflicts is not listed', emits: [] },
  {
    kind: 'catalog', view: 'products-by-model', doc: product, what: 'a product is keyed by model, colour and size',
    emits: [[['PR-1001', 'negro', '25.5'], null]],
  },
  { kind: 'catalog', view: 'products-by-model', doc: store, what: 'a store is not a product', emits: [] },
  { kind: 'catalog', view: 'by-type', doc: store, what: 'catalog docs are keyed by type', emits: [['store', null]] },
  { kind: 'customers', view: 'by-type', doc: customer, what: 'customers are keyed by type', emits: [['customer', null]] },
  {
    kind: 'customers', view: 'by-business-key', doc: customer, what: 'a customer is keyed by its blind index, valued by updatedAt without createdAt',
    emits: [[['phone', customer.blindIndex!.phone], customer.updatedAt]],
  },
  {
    kind: 'customers', view: 'by-business-key', doc: { ...plain, blindIndex: { phone: hash, taxId: hash } },
    what: 'blind index hashes win over plain values', emits: [[['phone', hash], created], [['taxId', hash], created]],
  },
  {
    kind: 'customers', view: 'by-business-key', doc: plain, what: 'plain values are normalized and valued by createdAt',
    emits: [[['phone', '5512345678'], created], [['taxId', 'HEGL850101AB3'], created]],
  },
  {
    kind: 'customers', view: 'by-business-key', doc: { ...plain, phone: '55 1234 567', taxId: ' - ' },
    what: 'a phone under 10 digits and an empty tax id are not keys', emits: [],
  },
  {
    kind: 'customers', view: 'by-business-key', doc: { ...plain, phone: 'v1.MTIzNDU2Nzg5MDEy.NDU2Nzg5MDEyMzQ1', taxId: 'v1.aGVsbG8.d29ybGQ' },
    what: 'encrypted fields without a blind index are not keys', emits: [],
  },
  { kind: 'customers', view: 'by-business-key', doc: { ...plain, mergedInto: customer._id }, what: 'a merged duplicate is not listed', emits: [] },
  { kind: 'customers', view: 'by-business-key', doc: { ...plain, _deleted: true }, what: 'a deleted customer is not listed', emits: [] },
  { kind: 'customers', view: 'by-business-key', doc: product, what: 'a product is not a customer', emits: [] },
  {
    kind: 'audit', view: 'audit-browse', doc: { _id: 'audit:7', type: 'audit', seq: 7, at: 'T', actor: 'ana', action: 'sale.quarantined', target: 'store-s1' }, what: 'an audit entry is found by every combination of action, actor and store',
    emits: [[['', 'T', 7], null], [['action', 'sale.quarantined', 'T', 7], null], [['actor', 'ana', 'T', 7], null], [['action+actor', 'sale.quarantined', 'ana', 'T', 7], null],
      [['store', 's1', 'T', 7], null], [['action+store', 'sale.quarantined', 's1', 'T', 7], null], [['actor+store', 'ana', 's1', 'T', 7], null],
      [['action+actor+store', 'sale.quarantined', 'ana', 's1', 'T', 7], null]],
  },
  {
    kind: 'audit', view: 'audit-browse', doc: { ...{ _id: 'audit:7', type: 'audit', seq: 7, at: 'T', actor: 'ana', action: 'sale.quarantined', target: 'store-s1' }, target: 'store-s2/sale:s2:x', details: { store: 's3' } }, what: "details.store names the entry's store before its target",
    emits: [[['', 'T', 7], null], [['action', 'sale.quarantined', 'T', 7], null], [['actor', 'ana', 'T', 7], null], [['action+actor', 'sale.quarantined', 'ana', 'T', 7], null],
      [['store', 's3', 'T', 7], null], [['action+store', 'sale.quarantined', 's3', 'T', 7], null], [['actor+store', 'ana', 's3', 'T', 7], null],
      [['action+actor+store', 'sale.quarantined', 'ana', 's3', 'T', 7], null]],
  },
  {
    kind: 'audit', view: 'audit-browse', doc: { ...{ _id: 'audit:7', type: 'audit', seq: 7, at: 'T', actor: 'ana', action: 'sale.quarantined', target: 'store-s1' }, target: 'catalog' }, what: 'an entry of no store is not found by store',
    emits: [[['', 'T', 7], null], [['action', 'sale.quarantined', 'T', 7], null], [['actor', 'ana', 'T', 7], null], [['action+actor', 'sale.quarantined', 'ana', 'T', 7], null]],
  },
  { kind: 'audit', view: 'conflicts', doc: { ...product, _rev: '3-w', _conflicts: ['3-x', '3-y'] }, what: 'the audit db lists conflicts too', emits: [[product._id, ['3-w', '3-x', '3-y']]] },
  { kind: 'store', view: 'sales-by-hour', doc: sale, what: "a sale adds its total to its stamp's UTC hour", emits: [[[sale.updatedAt.slice(0, 13), 'sale'], sale.total]] },
  { kind: 'store', view: 'sales-by-hour', doc: saleVoid, what: 'a void adds its refund to its hour', emits: [[[saleVoid.updatedAt.slice(0, 13), 'return'], 219900]] },
  { kind: 'store', view: 'sales-by-hour', doc: { ...sale, quarantined }, what: 'a quarantined sale is not counted', emits: [] },
  { kind: 'store', view: 'sales-by-hour', doc: move, what: 'a move is neither a sale nor a refund', emits: [] },
  {
    kind: 'audit', view: 'conflicts-by-day', doc: { ...conflictRecord, db: 'store-s2', status: 'resolved', resolution: 'keep-winner' }, what: "a store's conflict counts for the chain and for its store, by its resolution",
    emits: [[['*', '2026-11-24', 'lww', 'keep-winner'], null], [['s2', '2026-11-24', 'lww', 'keep-winner'], null]],
  },
  { kind: 'audit', view: 'conflicts-by-day', doc: conflictRecord, what: 'a catalog conflict waiting for an admin counts as pending, for the chain only', emits: [[['*', '2026-11-24', 'lww', 'pending'], null]] },
  {
    kind: 'stats', view: 'arrivals-by-hour', doc: { _id: 'arrivals:store-s2:2026-11-24T10', type: 'arrivals', db: 'store-s2', hour: '2026-11-24T10', count: 5, lagged: 2, lagSumMs: 900 },
    what: "a store's arrivals count for the chain and for its store", emits: [[['*', '2026-11-24T10'], [5, 2, 900]], [['s2', '2026-11-24T10'], [5, 2, 900]]],
  },
];

describe('design-docs views', () => {
  for (const { kind, view, doc, emits, what } of cases) {
    it(`${kind}/${view}: ${what}`, () => {
      expect(couchSandbox(docs[kind]).map(view, doc)).to.deep.equal(emits);
    });
  }
});
