import { expect } from 'chai';
import { syntheticOpeningStock, syntheticProducts, syntheticStores } from '../../../../central/seed/synthetic-chain.js';
import { validate } from '../../../../validators/index.js';

const stamp = (n: number) => `2026-12-03T08:00:00.000Z-${n.toString(16).padStart(4, '0')}-central`;

describe('seed/synthetic-chain', function () {
  it('makes the same ids for the same sizes, so a second seed finds them all', function () {
    expect(syntheticStores(3, stamp(0), 'central').map((s) => s._id)).to.deep.equal(['store:syn-0001', 'store:syn-0002', 'store:syn-0003']);
    expect(syntheticProducts(2, stamp(0), 'central').map((p) => p._id)).to.deep.equal(['product:SYN-000001', 'product:SYN-000002']);
  });

  it('makes documents the catalog and store contracts accept', function () {
    for (const doc of [...syntheticStores(2, stamp(0), 'central'), ...syntheticProducts(40, stamp(1), 'central')]) validate(doc, { db: 'catalog' });
    let n = 2;
    for (const move of syntheticOpeningStock(0, 1_200, 'central', () => stamp(n++))) validate(move, { db: 'store-syn-0001' });
  });

  it('splits opening stock into moves of at most 500 lines, one line per SKU', function () {
    let n = 0;
    const moves = syntheticOpeningStock(1, 1_001, 'central', () => stamp(n++));
    expect(moves.map((m) => m.lines.length)).to.deep.equal([500, 500, 1]);
    expect(new Set(moves.flatMap((m) => m.lines.map((l) => l.sku))).size).to.equal(1_001);
    expect(moves.every((m) => m.lines.every((l) => l.qty >= 1 && l.qty <= 6))).to.equal(true);
  });
});
