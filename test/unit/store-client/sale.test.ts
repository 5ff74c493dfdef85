import { expect } from 'chai';
import { buildSale, lineTotal } from '../../../store-client/sale.js';
import { businessDay } from '../../../store-client/business-day.js';
import { buildMove } from '../../../store-client/move.js';
import { validate } from '../../../validators/index.js';
import { isProntoError } from '../../../validators/errors.js';

const ctx = {
  store: 's1',
  device: 's1.pos1',
  cashier: 'ana',
  stamp: '2026-11-24T17:03:09.120Z-0000-s1.pos1',
  businessDay: '2026-11-24',
};

describe('store-client/sale', () => {
  it('computes line totals, the total and the change in centavos', () => {
    const sale = buildSale(
      {
        lines: [
          { sku: 'TEN-001-25.5', qty: 2, unitPrice: 129900, discount: 10000 },
          { sku: 'CAL-010-26', qty: 1, unitPrice: 4950 },
        ],
        payments: [{ method: 'card', amount: 200000 }, { method: 'cash', amount: 60000 }],
      },
      ctx,
    );
    expect(sale.total).to.equal(2 * 129900 - 10000 + 4950);
    expect(sale.change).to.equal(260000 - sale.total);
    expect(sale.lines[1]).to.deep.equal({ sku: 'CAL-010-26', qty: 1, unitPrice: 4950, discount: 0 });
    expect(lineTotal({ sku: 'X', qty: 3, unitPrice: 100, discount: 50 })).to.equal(250);
  });

  it('names the sale by store and stamp and stamps updatedAt/updatedBy', () => {
    const sale = buildSale({ lines: [{ sku: 'AB', qty: 1, unitPrice: 100 }], payments: [{ method: 'cash', amount: 100 }] }, ctx);
    expect(sale).to.include({ _id: `sale:s1:${ctx.stamp}`, type: 'sale', updatedAt: ctx.stamp, updatedBy: 'ana', change: 0 });
    expect(sale).to.not.have.property('customer');
  });

  it('builds documents the shared contract accepts', () => {
    const sale = buildSale({ lines: [{ sku: 'AB-1', qty: 2, unitPrice: 150 }], payments: [{ method: 'cash', amount: 500 }] }, ctx);
    expect(() => validate(sale, { db: 'store-s1' })).to.not.throw();
    const move = buildMove({ kind: 'adjustment', lines: [{ sku: 'AB-1', qty: -1 }], reason: 'damaged' }, { store: 's1', device: 's1.pos1', stamp: ctx.stamp });
    expect(move._id).to.equal(`move:s1:${ctx.stamp}`);
    expect(() => validate(move, { db: 'store-s1' })).to.not.throw();
  });

  it('refuses payments that do not cover the total', () => {
    expect(() => buildSale({ lines: [{ sku: 'AB', qty: 1, unitPrice: 100 }], payments: [{ method: 'cash', amount: 99 }] }, ctx))
      .to.throw()
      .that.satisfies((e: unknown) => isProntoError(e, 'VALIDATION_FAILED'));
  });
});

describe('store-client/business-day', () => {
  it('uses the store time zone, not UTC', () => {
    // 2026-11-25 01:30 UTC is still the evening of the 24th in Mexico City (UTC−6).
    const t = Date.parse('2026-11-25T01:30:00.000Z');
    expect(businessDay(t)).to.equal('2026-11-24');
    expect(businessDay(t, 'UTC')).to.equal('2026-11-25');
    expect(businessDay(t, 'Asia/Tokyo')).to.equal('2026-11-25');
  });
});
