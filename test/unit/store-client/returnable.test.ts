import { expect } from 'chai';
import { mulberry32 as prng } from '../../../central/demo/prng.js';
import { buildDesignDocs } from '../../../design-docs/index.js';
import { buildReturn } from '../../../store-client/return.js';
import { discountShare, returnable, type PriorReturn } from '../../../store-client/returnable.js';
import { isProntoError, validate, type Sale } from '../../../validators/index.js';
import { couchSandbox } from '../design-docs/couch-sandbox.js';
import { sale } from '../validators/fixtures.js';

// The till learns what was returned before from the returns-by-sale view: use the real map.
const view = couchSandbox(buildDesignDocs().store);
const priorOf = (doc: object) => view.map('returns-by-sale', doc).map(([, value]) => value as PriorReturn);
const ctx = (i: number) => ({
  store: 's1', device: 's1.pos1', cashier: 'ana', businessDay: '2026-11-25',
  stamp: `2026-11-25T10:00:00.000Z-${i.toString(16).padStart(4, '0')}-s1.pos1`,
});

describe('store-client/returnable', () => {
  const left: Array<{ what: string; prior: PriorReturn[]; qty: number[]; discount: number[] }> = [
    { what: 'everything when nothing came back', prior: [], qty: [1, 2], discount: [10000, 0] },
    { what: 'less what earlier returns gave back, line by line', qty: [1, 0], discount: [10000, 0],
      prior: [{ kind: 'return', lines: [{ line: 1, qty: 1, discount: 0 }] }, { kind: 'return', lines: [{ line: 1, qty: 1, discount: 0 }] }] },
    { what: 'the discount not yet given back', qty: [0, 2], discount: [0, 0], prior: [{ kind: 'return', lines: [{ line: 0, qty: 1, discount: 10000 }] }] },
    { what: 'nothing after a void', qty: [0, 0], discount: [0, 0], prior: [{ kind: 'void', lines: [{ line: 0, qty: 1, discount: 10000 }] }] },
  ];
  for (const c of left) {
    it(`leaves ${c.what}`, () => {
      const rows = returnable(sale, c.prior);
      expect(rows.map((r) => r.qty)).to.deep.equal(c.qty);
      expect(rows.map((r) => r.discount)).to.deep.equal(c.discount);
      expect(rows.map((r) => [r.line, r.sku, r.unitPrice])).to.deep.equal([[0, 'PR-1001-NEG-25.5', 129900], [1, 'PR-2002-CAF-27', 50000]]);
    });
  }

  // discountShare(d, n, r, k, before, unitPrice)
  const shares: Array<[what: string, args: Parameters<typeof discountShare>, share: number]> = [
    ['one of three units of a 100 discount', [100, 3, 0, 1, 0, 50], 33],
    ['the second of three', [100, 3, 1, 1, 33, 50], 33],
    ['the last of three takes the rest', [100, 3, 2, 1, 66, 50], 34],
    ['two of three at once', [100, 3, 0, 2, 0, 50], 66],
    ['all units at once', [100, 3, 0, 3, 0, 50], 100],
    ['no discount', [0, 5, 1, 2, 0, 50], 0],
    ['never below 0 after an earlier return took more', [100, 4, 1, 1, 90, 50], 0],
    ['never above what the units cost', [300, 3, 0, 1, 0, 80], 80],
  ];
  for (const [what, args, share] of shares) {
    it(`shares the discount: ${what} → ${share}`, () => {
      expect(discountShare(...args)).to.equal(share);
    });
  }

  it('gives back each line\'s discount exactly and never refunds more than the sale over random partial returns (seeded)', () => {
    let refusals = 0;
    let splitLines = 0;
    for (const seed of [1, 7, 42, 2026, 31337]) {
      const random = prng(seed);
      const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
      for (let round = 0; round < 40; round++) {
        const lines = Array.from({ length: int(1, 4) }, (_, i) => {
          const qty = int(1, 7);
          const unitPrice = int(0, 3) === 0 ? int(0, 3) : int(1, 200000);
          return { sku: `SKU-${i}`, qty, unitPrice, discount: int(0, qty * unitPrice) };
        });
        const s = { ...sale, lines, total: lines.reduce((t, l) => t + l.qty * l.unitPrice - l.discount, 0) } as Sale;
        const prior: PriorReturn[] = [];
        let refunded = 0;
        // Random partial returns, then one of everything left, so every line ends fully returned.
        for (let step = 0; step <= 12; step++) {
          const open = returnable(s, prior).filter((l) => l.qty > 0);
          if (open.length === 0) break;
          const last = step === 12;
          const picked = last ? open : open.filter(() => random() < 0.6);
          const chosen = picked.length > 0 ? picked : [open[0]!];
          // Now and then one unit too many: refused, and nothing changes.
          const over = !last && random() < 0.1;
          const request = chosen.map((l, i) => ({ line: l.line, qty: last ? l.qty : i === 0 && over ? l.qty + 1 : int(1, l.qty) }));
          let doc;
          try {
            doc = buildReturn(s, prior, { lines: request, refundMethod: 'cash', reason: 'r', approvedBy: 'm' }, ctx(step));
          } catch (err) {
            expect(over && isProntoError(err, 'VALIDATION_FAILED'), String(err)).to.equal(true);
            refusals++;
            continue;
          }
          expect(over, 'an over-return was accepted').to.equal(false);
          validate(doc, { db: 'store-s1' });
          prior.push(...priorOf(doc));
          refunded += doc.total;
          expect(refunded).to.be.at.most(s.total);
        }
        const done = returnable(s, prior);
        lines.forEach((l, line) => {
          const given = prior.flatMap((p) => p.lines).filter((b) => b.line === line);
          const qty = given.reduce((t, b) => t + b.qty, 0);
          const discount = given.reduce((t, b) => t + b.discount, 0);
          if (given.length >= 3 && l.discount > 0) splitLines++;
          expect(qty, `seed ${seed} round ${round} line ${line} qty`).to.equal(l.qty);
          expect(discount, `seed ${seed} round ${round} line ${line} discount`).to.equal(l.discount);
        });
        expect(done.every((l) => l.qty === 0 && l.discount === 0), `seed ${seed} round ${round} all returned`).to.equal(true);
        expect(refunded, `seed ${seed} round ${round} refunds`).to.equal(s.total);
      }
    }
    // The run did exercise what it claims to: refused over-returns, discounted lines in 3+ parts.
    expect(refusals).to.be.greaterThan(10);
    expect(splitLines).to.be.greaterThan(50);
  });
});
