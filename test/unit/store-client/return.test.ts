import { expect } from 'chai';
import { buildReturn, buildVoid, returnId, voidId, voidRefunds, type ReturnInput } from '../../../store-client/return.js';
import type { PriorReturn } from '../../../store-client/returnable.js';
import { isProntoError, validate, type ErrorCode, type Sale } from '../../../validators/index.js';
import { sale, saleVoid } from '../validators/fixtures.js';

// The fixture sale: line 0 is 1 × 129,900 with 10,000 off; line 1 is 2 × 50,000; paid 200,000
// by card and 20,000 cash, 100 change; sold on 2026-11-24.
const today = { store: 's1', device: 's1.pos2', cashier: 'ana', stamp: '2026-11-24T18:00:00.000Z-0000-s1.pos2', businessDay: '2026-11-24' };
const tomorrow = { ...today, stamp: '2026-11-25T10:00:00.000Z-0000-s1.pos2', businessDay: '2026-11-25' };
const input = (lines: ReturnInput['lines']): ReturnInput => ({ lines, refundMethod: 'cash', reason: 'wrong size', approvedBy: 'maria' });
const back = (lines: PriorReturn['lines'], kind: PriorReturn['kind'] = 'return'): PriorReturn => ({ kind, lines });

function refusal(fn: () => unknown): { code: ErrorCode; message: string } {
  try {
    fn();
  } catch (err) {
    if (isProntoError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('did not throw');
}

describe('store-client/return', () => {
  it('names a return by its own stamp and a void by the sale it voids', () => {
    expect(returnId('s1', tomorrow.stamp)).to.equal(`return:s1:${tomorrow.stamp}`);
    expect(voidId(sale._id)).to.equal(`return:s1:void:${sale.updatedAt}`);
    expect(refusal(() => voidId('move:s1:x'))).to.deep.equal({ code: 'VALIDATION_FAILED', message: 'return/sale move:s1:x is not a sale id' });
  });

  it('builds a valid return of some units, refunded one way, for the sale\'s customer', () => {
    const doc = buildReturn(sale, [], { ...input([{ line: 1, qty: 1 }]), refundMethod: 'card' }, tomorrow);
    expect(doc).to.deep.equal({
      _id: `return:s1:${tomorrow.stamp}`, type: 'return', kind: 'return', updatedAt: tomorrow.stamp, updatedBy: 'ana',
      store: 's1', device: 's1.pos2', cashier: 'ana', businessDay: '2026-11-25', sale: sale._id,
      lines: [{ line: 1, sku: 'PR-2002-CAF-27', qty: 1, unitPrice: 50000, discount: 0 }],
      total: 50000, refunds: [{ method: 'card', amount: 50000 }], reason: 'wrong size', approvedBy: 'maria', customer: sale.customer,
    });
    expect(() => validate(doc, { db: 'store-s1' })).to.not.throw();
  });

  it('gives back the line\'s discount with its last unit, so a discounted return refunds what was paid', () => {
    const doc = buildReturn(sale, [], input([{ line: 0, qty: 1 }, { line: 1, qty: 2 }]), tomorrow);
    expect(doc.lines.map((l) => l.discount)).to.deep.equal([10000, 0]);
    expect(doc.total).to.equal(sale.total);
    expect(buildReturn({ ...sale, customer: undefined } as unknown as Sale, [], input([{ line: 1, qty: 1 }]), tomorrow)).to.not.have.property('customer');
  });

  const refused: Array<{ what: string; prior?: PriorReturn[]; lines: ReturnInput['lines']; sale?: Sale; message: string }> = [
    { what: 'more units than were sold', lines: [{ line: 0, qty: 2 }], message: 'return/lines/0/qty must not exceed 1, what is left of sale line 0' },
    { what: 'more units than are left after an earlier return', prior: [back([{ line: 1, qty: 1, discount: 0 }])], lines: [{ line: 0, qty: 1 }, { line: 1, qty: 2 }],
      message: 'return/lines/1/qty must not exceed 1, what is left of sale line 1' },
    { what: 'a line already given back', prior: [back([{ line: 0, qty: 1, discount: 10000 }])], lines: [{ line: 0, qty: 1 }],
      message: 'return/lines/0/qty must not exceed 0, what is left of sale line 0' },
    { what: 'a voided sale', prior: [back(saleVoid.lines, 'void')], lines: [{ line: 1, qty: 1 }], message: `sale ${sale._id} was voided; nothing is left to return` },
    { what: 'no lines', lines: [], message: 'return/lines must not be empty' },
    { what: 'a line twice', lines: [{ line: 1, qty: 1 }, { line: 1, qty: 1 }], message: 'return/lines/1/line must not repeat sale line 1' },
    { what: 'a line the sale does not have', lines: [{ line: 2, qty: 1 }], message: `return/lines/0/line must be a line of sale ${sale._id} (0 to 1)` },
    { what: 'zero units', lines: [{ line: 1, qty: 0 }], message: 'return/lines/0/qty must be an integer >= 1' },
    { what: 'half a unit', lines: [{ line: 1, qty: 0.5 }], message: 'return/lines/0/qty must be an integer >= 1' },
    { what: 'a sale of another store', sale: { ...sale, store: 's2' }, lines: [{ line: 1, qty: 1 }], message: 'return/sale must be a sale of store s1, not of s2' },
    { what: 'a quarantined sale', sale: { ...sale, quarantined: { reason: 'unsigned', at: sale.updatedAt } }, lines: [{ line: 1, qty: 1 }],
      message: `sale ${sale._id} is quarantined (unsigned); it cannot be given back until an admin clears it` },
  ];
  for (const c of refused) {
    it(`refuses to return ${c.what}, naming the field`, () => {
      expect(refusal(() => buildReturn(c.sale ?? sale, c.prior ?? [], input(c.lines), tomorrow))).to.deep.equal({ code: 'VALIDATION_FAILED', message: c.message });
    });
  }

  it('voids today\'s sale: every line, the sale\'s own id, refunds the way it was paid, and the customer', () => {
    const doc = buildVoid(sale, [], { reason: 'customer changed their mind', approvedBy: 'maria' }, today);
    expect(doc).to.deep.include({
      _id: saleVoid._id, kind: 'void', sale: sale._id, lines: saleVoid.lines, total: sale.total,
      refunds: [{ method: 'card', amount: 200000 }, { method: 'cash', amount: 19900 }], customer: sale.customer, businessDay: '2026-11-24',
    });
    expect(() => validate(doc, { db: 'store-s1' })).to.not.throw();
    // Two tills voiding the same sale write the same id.
    expect(buildVoid(sale, [], { reason: 'x', approvedBy: 'y' }, { ...today, device: 's1.pos1', stamp: tomorrow.stamp })._id).to.equal(doc._id);
  });

  const voidRefused: Array<{ what: string; prior: PriorReturn[]; ctx?: typeof today; code: ErrorCode; message: string }> = [
    { what: 'a sale of another day', prior: [], ctx: tomorrow, code: 'VALIDATION_FAILED',
      message: 'a void is only for a sale of today (2026-11-25); record a return instead' },
    { what: 'a sale with returns', prior: [back([{ line: 1, qty: 1, discount: 0 }])], code: 'CONFLICT',
      message: `sale ${sale._id} has returns already; record a return of what is left instead` },
    { what: 'a sale already voided', prior: [back(saleVoid.lines, 'void')], code: 'CONFLICT', message: `sale ${sale._id} is already voided` },
  ];
  for (const c of voidRefused) {
    it(`refuses to void ${c.what} (${c.code})`, () => {
      expect(refusal(() => buildVoid(sale, c.prior, { reason: 'x', approvedBy: 'y' }, c.ctx ?? today))).to.deep.equal({ code: c.code, message: c.message });
    });
  }

  const payments: Array<{ what: string; payments: Sale['payments']; change: number; refunds: ReturnType<typeof voidRefunds> }> = [
    { what: 'cash minus change back as cash', payments: [{ method: 'cash', amount: 50000 }], change: 1000, refunds: [{ method: 'cash', amount: 49000 }] },
    { what: 'card back to card', payments: [{ method: 'card', amount: 49000 }], change: 0, refunds: [{ method: 'card', amount: 49000 }] },
    { what: 'two cards and cash, summed by method', payments: [{ method: 'card', amount: 20000 }, { method: 'cash', amount: 10000 }, { method: 'card', amount: 19000 }],
      change: 0, refunds: [{ method: 'card', amount: 39000 }, { method: 'cash', amount: 10000 }] },
    { what: 'change given out of a card overpayment off the card', payments: [{ method: 'card', amount: 50000 }], change: 1000, refunds: [{ method: 'card', amount: 49000 }] },
    { what: 'cash that all went back as change left out', payments: [{ method: 'card', amount: 49000 }, { method: 'cash', amount: 500 }], change: 500,
      refunds: [{ method: 'card', amount: 49000 }] },
    { what: 'a free ticket as one cash refund of 0', payments: [], change: 0, refunds: [{ method: 'cash', amount: 0 }] },
  ];
  for (const c of payments) {
    it(`refunds a void: ${c.what}`, () => {
      expect(voidRefunds({ payments: c.payments, change: c.change })).to.deep.equal(c.refunds);
    });
  }
});
