import { expect } from 'chai';
import { receiptOf, type ReceiptContext } from '../../../../store-client/pos/receipt.js';
import { sale, saleReturn as returnDoc } from '../../validators/fixtures.js';

const ctx: ReceiptContext = {
  product: (sku) => ({ 'PR-1001-NEG-25.5': { name: 'Oxford Clásico', size: '25.5' }, 'PR-2002-CAF-27': { name: 'Bota Café 27', size: '27' } })[sku],
  store: { name: 'Pronto Centro', city: 'Ciudad de México' },
  customerName: 'María López',
};

describe('store-client/pos/receipt', () => {
  it('describes a sale: names from the catalog, size once, discounts, payments and change', () => {
    const r = receiptOf(sale, ctx);
    expect(r).to.include({ kind: 'sale', folio: sale._id, cashier: 'ana', customer: 'María López', subtotal: 229_900, discount: 10_000, total: 219_900, change: 100 });
    expect(r.at).to.equal('2026-11-24T17:03:09.120Z');
    expect(r.store).to.deep.equal({ id: 's1', name: 'Pronto Centro', city: 'Ciudad de México' });
    expect(r.lines.map((l) => [l.name, l.size, l.qty, l.amount])).to.deep.equal([['Oxford Clásico', '25.5', 1, 119_900], ['Bota Café 27', undefined, 2, 100_000]]);
    expect(r.money).to.deep.equal(sale.payments);
  });

  it('falls back to the SKU for a product the catalog does not have', () => {
    const r = receiptOf(sale, { ...ctx, product: () => undefined });
    expect(r.lines[0]).to.include({ name: 'PR-1001-NEG-25.5', size: undefined });
  });

  it('describes a return with its refunds, the sale it gives back, the reason and who approved it', () => {
    const r = receiptOf(returnDoc, ctx);
    expect(r).to.include({ kind: returnDoc.kind, total: returnDoc.total, change: 0, ofSale: returnDoc.sale, reason: returnDoc.reason, approvedBy: returnDoc.approvedBy });
    expect(r.money).to.deep.equal(returnDoc.refunds);
  });
});
