import { expect } from 'chai';
import { buildDesignDocs, type DesignDocKind } from '../../../design-docs/index.js';
import { customer, move, product, sale, store } from '../validators/fixtures.js';
import { couchSandbox } from './couch-sandbox.js';

const docs = buildDesignDocs();
const quarantined = { reason: 'bad signature', at: sale.updatedAt };

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
  { kind: 'store', view: 'sales-by-day', doc: sale, what: 'a sale adds its total to its day', emits: [[['s1', '2026-11-24'], 219900]] },
  { kind: 'store', view: 'sales-by-day', doc: move, what: 'a move is not a sale', emits: [] },
  { kind: 'store', view: 'sales-by-day', doc: { ...sale, quarantined }, what: 'a quarantined sale is not counted', emits: [] },
  { kind: 'store', view: 'conflicts', doc: { ...sale, _conflicts: ['2-b'] }, what: 'a conflicted doc lists its conflicts', emits: [[sale._id, ['2-b']]] },
  { kind: 'catalog', view: 'conflicts', doc: product, what: 'a doc without conflicts is not listed', emits: [] },
  {
    kind: 'catalog', view: 'products-by-model', doc: product, what: 'a product is keyed by model, colour and size',
    emits: [[['PR-1001', 'negro', '25.5'], null]],
  },
  { kind: 'catalog', view: 'products-by-model', doc: store, what: 'a store is not a product', emits: [] },
  { kind: 'catalog', view: 'by-type', doc: store, what: 'catalog docs are keyed by type', emits: [['store', null]] },
  { kind: 'customers', view: 'by-type', doc: customer, what: 'customers are keyed by type', emits: [['customer', null]] },
  { kind: 'audit', view: 'conflicts', doc: { ...product, _conflicts: ['3-x', '3-y'] }, what: 'the audit db lists conflicts too', emits: [[product._id, ['3-x', '3-y']]] },
];

describe('design-docs views', () => {
  for (const { kind, view, doc, emits, what } of cases) {
    it(`${kind}/${view}: ${what}`, () => {
      expect(couchSandbox(docs[kind]).map(view, doc)).to.deep.equal(emits);
    });
  }
});
