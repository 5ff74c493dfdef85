import { expect } from 'chai';
import {
  addToCart, approvers, cartSubtotal, reassignApprovals, cartTotal, discountProblem, lineDiscount, paymentPlan, setDiscount, setQty, unapproved,
  type CartLine,
} from '../../../../store-client/pos/cart.js';

const shoe = { sku: 'PS-M01-NEG-25.5', name: 'Oxford Clásico Negro 25.5', unitPrice: 59_900 };
const boot = { sku: 'PS-M07-CAF-27', name: 'Bota Vaquera Café 27', unitPrice: 189_900 };
const two = (): CartLine[] => setQty(addToCart(addToCart([], shoe), boot), shoe.sku, 2);

describe('store-client/pos/cart', () => {
  it('adds a product once and counts a second scan as one more pair', () => {
    const lines = addToCart(addToCart([], shoe), shoe);
    expect(lines).to.deep.equal([{ ...shoe, qty: 2 }]);
    expect(cartTotal(lines)).to.equal(119_800);
  });

  it('removes a line whose quantity drops to 0', () => {
    expect(setQty(two(), boot.sku, 0).map((l) => l.sku)).to.deep.equal([shoe.sku]);
  });

  const discounts: { what: string; discount: CartLine['discount']; off: number }[] = [
    { what: '10% of two pairs at $599.00', discount: { kind: 'pct', value: 10 }, off: 11_980 },
    { what: 'a percentage rounded to the centavo', discount: { kind: 'pct', value: 33.333 }, off: 39_933 },
    { what: 'an amount', discount: { kind: 'amount', value: 5_000 }, off: 5_000 },
    { what: 'an amount larger than the line, up to the line', discount: { kind: 'amount', value: 500_000 }, off: 119_800 },
    { what: '100%', discount: { kind: 'pct', value: 100 }, off: 119_800 },
  ];
  for (const c of discounts) {
    it(`takes ${c.what} off a line`, () => {
      const lines = setDiscount(two(), shoe.sku, c.discount);
      expect(lineDiscount(lines[0]!)).to.equal(c.off);
      expect(cartTotal(lines)).to.equal(cartSubtotal(lines) - c.off);
    });
  }

  it('refuses a percentage outside 0–100 and an amount above the line or not in whole centavos', () => {
    const line = two()[0]!;
    expect(discountProblem(line, { kind: 'pct', value: 101 })).to.equal('pct-range');
    expect(discountProblem(line, { kind: 'pct', value: -1 })).to.equal('pct-range');
    expect(discountProblem(line, { kind: 'pct', value: Number.NaN })).to.equal('pct-range');
    expect(discountProblem(line, { kind: 'amount', value: 119_801 })).to.equal('amount-range');
    expect(discountProblem(line, { kind: 'amount', value: 10.5 })).to.equal('amount-range');
    expect(discountProblem(line, { kind: 'amount', value: 119_800 })).to.equal(undefined);
    expect(discountProblem(line, { kind: 'pct', value: 100 })).to.equal(undefined);
  });

  it('needs a manager above the limit, and exactly at the limit does not', () => {
    expect(unapproved(setDiscount(two(), shoe.sku, { kind: 'pct', value: 10 }), 10)).to.have.length(0);
    expect(unapproved(setDiscount(two(), shoe.sku, { kind: 'pct', value: 10.5 }), 10)).to.have.length(1);
    // $59.90 off one $599.00 pair is exactly 10%.
    expect(unapproved(setDiscount(addToCart([], shoe), shoe.sku, { kind: 'amount', value: 5_990 }), 10)).to.have.length(0);
  });

  it('keeps an approval only as far as it goes: fewer pairs under a fixed amount need approving again', () => {
    const approved = setDiscount(two(), shoe.sku, { kind: 'amount', value: 30_000 }, { by: 'manager-s1', pct: 25.05 });
    expect(unapproved(approved, 10)).to.have.length(0);
    expect(approvers(approved, 10)).to.equal('manager-s1');
    const onePair = setQty(approved, shoe.sku, 1); // $300.00 off $599.00 is 50%
    expect(unapproved(onePair, 10).map((l) => l.sku)).to.deep.equal([shoe.sku]);
  });

  it('gives every approval of the cart to the manager who approves last, so the sale names one approver', () => {
    const other = { sku: 'PS-M02-CAF-26', name: 'Mocasín', unitPrice: 45_900 };
    const a = setDiscount(addToCart(two(), other), shoe.sku, { kind: 'pct', value: 30 }, { by: 'manager-a', pct: 30 });
    const both = setDiscount(a, other.sku, { kind: 'pct', value: 40 }, { by: 'manager-b', pct: 40 });
    expect(approvers(both, 10), 'two managers cannot both sign one sale').to.equal(undefined);
    const one = reassignApprovals(both, 'manager-b');
    expect(one.map((l) => l.approval)).to.deep.equal([{ by: 'manager-b', pct: 30 }, undefined, { by: 'manager-b', pct: 40 }]);
    expect(approvers(one, 10)).to.equal('manager-b');
    expect(reassignApprovals(two(), 'manager-b')).to.deep.equal(two());
  });

  it('drops the approval when the discount is removed, and names nobody when nothing needed approving', () => {
    const approved = setDiscount(two(), shoe.sku, { kind: 'pct', value: 50 }, { by: 'manager-s1', pct: 50 });
    const removed = setDiscount(approved, shoe.sku, undefined);
    expect(removed[0]).to.not.have.property('approval');
    expect(removed[0]).to.not.have.property('discount');
    expect(approvers(removed, 10)).to.equal(undefined);
  });

  const plans: { what: string; method: 'cash' | 'card' | 'mixed'; cash: number; card: number; want: unknown }[] = [
    { what: 'cash with change', method: 'cash', cash: 300_000, card: Number.NaN, want: { ok: true, payments: [{ method: 'cash', amount: 300_000 }], change: 60_100 } },
    { what: 'exact cash', method: 'cash', cash: 239_900, card: Number.NaN, want: { ok: true, payments: [{ method: 'cash', amount: 239_900 }], change: 0 } },
    { what: 'too little cash', method: 'cash', cash: 200_000, card: Number.NaN, want: { ok: false, problem: 'cash-short' } },
    { what: 'unreadable cash', method: 'cash', cash: Number.NaN, card: Number.NaN, want: { ok: false, problem: 'cash-unreadable' } },
    { what: 'card for the total, whatever was typed as cash', method: 'card', cash: 5, card: Number.NaN, want: { ok: true, payments: [{ method: 'card', amount: 239_900 }], change: 0 } },
    { what: 'card plus cash with change', method: 'mixed', cash: 50_000, card: 200_000, want: { ok: true, payments: [{ method: 'card', amount: 200_000 }, { method: 'cash', amount: 50_000 }], change: 10_100 } },
    { what: 'a card part as large as the total', method: 'mixed', cash: 0, card: 239_900, want: { ok: false, problem: 'card-over' } },
    { what: 'no card part', method: 'mixed', cash: 300_000, card: Number.NaN, want: { ok: false, problem: 'card-unreadable' } },
    { what: 'card plus too little cash', method: 'mixed', cash: 30_000, card: 200_000, want: { ok: false, problem: 'cash-short' } },
  ];
  for (const p of plans) {
    it(`plans the payment of $2,399.00: ${p.what}`, () => {
      expect(paymentPlan(p.method, 239_900, { cash: p.cash, card: p.card })).to.deep.equal(p.want);
    });
  }

  it('makes payments that always add up to total + change (the rule CouchDB checks)', () => {
    for (let total = 0; total <= 100_000; total += 9_973) {
      for (const [method, cash, card] of [['cash', total + 1_234, 0], ['mixed', total, Math.max(1, total - 500)]] as const) {
        const plan = paymentPlan(method, total, { cash, card });
        if (!plan.ok) continue;
        expect(plan.payments.reduce((s, x) => s + x.amount, 0) - plan.change, `${method} ${total}`).to.equal(total);
      }
    }
  });
});
