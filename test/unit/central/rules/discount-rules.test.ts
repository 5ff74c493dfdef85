import { expect } from 'chai';
import { discountLimits } from '../../../../central/rules/discount-rules.js';
import type { Verdict } from '../../../../central/rules/index.js';
import type { PosRules } from '../../../../central/rules/index.js';
import { context, sale, type LineIn } from './helpers.js';

describe('central/rules/discount-rules', () => {
  const cases: Array<{ what: string; lines: LineIn[]; settings?: Partial<PosRules>; expect: Verdict[] }> = [
    { what: 'a line at the catalog price passes', lines: [{}], expect: [] },
    { what: 'a discount within the cashier limit passes', lines: [{ discount: 5_990 }], expect: [] },
    {
      what: 'a discount rounded up to the centavo at the limit still passes (10% of 599.95 is 60.00)',
      lines: [{ sku: 'PS-M03-AZU-27', unitPrice: 59_995, discount: 6_000 }], expect: [],
    },
    {
      what: 'a centavo more than that needs an approval',
      lines: [{ sku: 'PS-M03-AZU-27', unitPrice: 59_995, discount: 6_001 }],
      expect: [{ level: 'approval', reason: "sale/lines/0: 10.002% off PS-M03-AZU-27 (price 59995, charged 53994) needs a manager's approval; cashiers give up to 10%" }],
    },
    {
      what: 'a 1-centavo sale of a 59,900 product needs an approval, naming the line, both figures and the limit',
      lines: [{ unitPrice: 1 }],
      expect: [
        { level: 'approval', reason: "sale/lines/0: 99.99% off PS-M01-NEG-25 (price 59900, charged 1) needs a manager's approval; cashiers give up to 10%" },
        { level: 'flag', reason: 'sale/lines/0: PS-M01-NEG-25 sold at unit price 1; the catalog says 59900' },
      ],
    },
    {
      what: 'a discount line above the limit needs an approval, with the quantity shown',
      lines: [{ sku: 'PS-M02-CAF-26', qty: 2, unitPrice: 100_000, discount: 50_000 }],
      expect: [{ level: 'approval', reason: "sale/lines/0: 25% off PS-M02-CAF-26 (price 100000 × 2, charged 150000) needs a manager's approval; cashiers give up to 10%" }],
    },
    {
      what: 'above managerMaxDiscountPct is refused outright, approval or not',
      lines: [{ discount: 59_900 }], settings: { managerMaxDiscountPct: 50 },
      expect: [{ level: 'quarantine', reason: 'sale/lines/0: 100% off PS-M01-NEG-25 (price 59900, charged 0) is above the most a manager may give (50%)' }],
    },
    {
      what: "yesterday's lower price within the cashier's limit is only flagged",
      lines: [{ unitPrice: 55_000 }],
      expect: [{ level: 'flag', reason: 'sale/lines/0: PS-M01-NEG-25 sold at unit price 55000; the catalog says 59900' }],
    },
    {
      what: 'a price above the catalog is flagged, not refused',
      lines: [{ unitPrice: 64_900 }],
      expect: [{ level: 'flag', reason: 'sale/lines/0: PS-M01-NEG-25 sold at unit price 64900; the catalog says 59900' }],
    },
    { what: 'an unknown SKU is left to the catalog rule', lines: [{ sku: 'NOPE-1', unitPrice: 1 }], expect: [] },
    {
      what: 'each line is judged on its own, named by its index',
      lines: [{}, { sku: 'PS-M02-CAF-26', unitPrice: 100_000, discount: 30_000 }],
      expect: [{ level: 'approval', reason: "sale/lines/1: 30% off PS-M02-CAF-26 (price 100000, charged 70000) needs a manager's approval; cashiers give up to 10%" }],
    },
    { what: 'a cashier limit of 100% lets any discount through', lines: [{ discount: 59_900 }], settings: { cashierMaxDiscountPct: 100 }, expect: [] },
  ];
  for (const c of cases) {
    it(c.what, () => {
      expect(discountLimits(sale(c.lines), context({ settings: c.settings }))).to.deep.equal(c.expect);
    });
  }

  it('has nothing to say about a return or a move', () => {
    const s = sale([{ unitPrice: 1 }]);
    expect(discountLimits({ ...s, type: 'move', kind: 'receipt', lines: [{ sku: 'PS-M01-NEG-25', qty: 1 }] } as never, context())).to.deep.equal([]);
  });
});
