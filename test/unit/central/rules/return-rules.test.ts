import { expect } from 'chai';
import { returnAgainstSale, saleNotFound, waitsForSale } from '../../../../central/rules/return-rules.js';
import type { Return, Sale } from '../../../../validators/index.js';
import { context, counted, giveBack, sale, stamp, voidOf, MIN } from './helpers.js';

const APPROVAL = { level: 'approval', reason: "return: a return needs a manager's approval" };
const quarantines = (reasons: string[]) => reasons.map((reason) => ({ level: 'quarantine', reason }));

describe('central/rules/return-rules', () => {
  const sold: Sale = sale([{ qty: 2, discount: 900 }, { sku: 'PS-M02-CAF-26', unitPrice: 100_000 }]);
  const one = giveBack(sold, [{ line: 0, qty: 1 }]);
  const cases: Array<{ what: string; ret: Return; sale?: Sale | null; before?: Return[]; expect: object[] }> = [
    { what: 'a return within what the sale sold needs only the approval', ret: one, expect: [APPROVAL] },
    { what: 'a void of a sale with nothing returned needs only the approval', ret: voidOf(sold), expect: [{ level: 'approval', reason: "return: a void needs a manager's approval" }] },
    {
      what: 'a return of a sale that has not arrived waits for it',
      ret: one, sale: null, expect: [...quarantines([saleNotFound(sold._id)]), APPROVAL],
    },
    {
      what: 'a return of a quarantined sale waits until it is cleared',
      ret: one, sale: { ...sold, quarantined: { reason: 'unsigned', at: stamp(0, 'central') } },
      expect: [...quarantines([`sale ${sold._id} is quarantined; its returns wait until it is cleared`]), APPROVAL],
    },
    {
      what: 'the second return of the same units (another till, while apart) is refused',
      ret: giveBack(sold, [{ line: 0, qty: 2 }], { at: stamp(6 * MIN, 's1.pos3'), device: 's1.pos3' }), before: [one],
      expect: [...quarantines(['return/lines/0: gives back 2 of sale line 0 (PS-M01-NEG-25), which sold 2 and has 1 back already']), APPROVAL],
    },
    {
      what: 'what is left of a line may still come back',
      ret: giveBack(sold, [{ line: 0, qty: 1 }], { at: stamp(6 * MIN) }), before: [one], expect: [APPROVAL],
    },
    {
      what: 'a void after a return gives back too much',
      ret: voidOf(sold), before: [one],
      expect: [...quarantines(['return/lines/0: gives back 2 of sale line 0 (PS-M01-NEG-25), which sold 2 and has 1 back already']), { level: 'approval', reason: "return: a void needs a manager's approval" }],
    },
    {
      what: 'a forged 5,000,000 refund of a 5-centavo sale is refused on price and refund',
      ret: forge(giveBack(sale([{ unitPrice: 5 }]), [{ line: 0, qty: 1 }]), { unitPrice: 5_000_000 }), sale: sale([{ unitPrice: 5 }]),
      expect: [...quarantines([
        'return/lines/0: unit price 5000000 is not 5, what sale line 0 charged',
        'return/lines/0: refunds 5000000 for 1 of sale line 0, which was paid 5 for 1',
      ]), APPROVAL],
    },
    {
      what: 'a line the sale does not have is refused',
      ret: forge(one, { line: 7 }), expect: [...quarantines([`return/lines/0: sale ${sold._id} has no line 7`]), APPROVAL],
    },
    {
      what: 'a SKU other than the sale line sold is refused',
      ret: forge(one, { sku: 'PS-M02-CAF-26' }), expect: [...quarantines(['return/lines/0: SKU PS-M02-CAF-26 is not PS-M01-NEG-25, what sale line 0 sold']), APPROVAL],
    },
    {
      what: 'a return that drops its share of the discount refunds more than was paid',
      ret: forge(one, { discount: 0 }),
      expect: [...quarantines(['return/lines/0: refunds 59900 for 1 of sale line 0, which was paid 118900 for 2']), APPROVAL],
    },
  ];
  for (const c of cases) {
    it(c.what, () => {
      const ctx = context({ sale: c.sale === undefined ? sold : c.sale, counted: (c.before ?? []).map(counted) });
      expect(returnAgainstSale(c.ret, ctx)).to.deep.equal(c.expect);
    });
  }

  it('two tills each refunding one of two units while apart are both within the paid amount, rounding included', () => {
    const odd = sale([{ qty: 2, discount: 901 }]);
    const a = giveBack(odd, [{ line: 0, qty: 1 }], { device: 's1.pos2' });
    const b = giveBack(odd, [{ line: 0, qty: 1 }], { device: 's1.pos3', at: stamp(7 * MIN, 's1.pos3') });
    expect(returnAgainstSale(a, context({ sale: odd, counted: [] }))).to.deep.equal([APPROVAL]);
    expect(returnAgainstSale(b, context({ sale: odd, counted: [counted(a)] }))).to.deep.equal([APPROVAL]);
  });

  it('knows a quarantine reason that waits for a sale', () => {
    expect(waitsForSale(`${saleNotFound(sold._id)} (and 1 more)`, sold._id)).to.equal(true);
    expect(waitsForSale(saleNotFound(sold._id), 'sale:s1:other')).to.equal(false);
    expect(waitsForSale('unsigned', sold._id)).to.equal(false);
  });

  it('has nothing to say about a sale', () => {
    expect(returnAgainstSale(sold, context())).to.deep.equal([]);
  });
});

/** `r` with its first line changed and its total and refund kept consistent (a forger's work). */
function forge(r: Return, line: Partial<Return['lines'][number]>): Return {
  const lines = [{ ...r.lines[0]!, ...line }, ...r.lines.slice(1)];
  const total = lines.reduce((s, l) => s + l.qty * l.unitPrice - l.discount, 0);
  return { ...r, lines, total, refunds: [{ method: 'card', amount: total }] };
}
