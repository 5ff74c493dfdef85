import { expect } from 'chai';
import { knownSkus } from '../../../../central/rules/catalog-rules.js';
import { moveKinds } from '../../../../central/rules/move-rules.js';
import { context, giveBack, move, sale } from './helpers.js';

describe('central/rules/move-rules', () => {
  const cases: Array<{ what: string; doc: ReturnType<typeof move>; expect: object[] }> = [
    { what: 'a receipt passes', doc: move({ kind: 'receipt', lines: [{ sku: 'PS-M01-NEG-25', qty: 12 }] }), expect: [] },
    {
      what: 'an adjustment needs a manager\'s approval, naming what it changes',
      doc: move({ kind: 'adjustment', reason: 'found', lines: [{ sku: 'PS-M01-NEG-25', qty: 500 }] }),
      expect: [{ level: 'approval', reason: "move: a stock adjustment (+500 PS-M01-NEG-25) needs a manager's approval" }],
    },
    {
      what: 'an adjustment of several lines names the first and counts the rest',
      doc: move({ kind: 'adjustment', reason: 'damaged', lines: [{ sku: 'PS-M01-NEG-25', qty: -1 }, { sku: 'PS-M02-CAF-26', qty: -2 }] }),
      expect: [{ level: 'approval', reason: "move: a stock adjustment (-1 PS-M01-NEG-25 and 1 more lines) needs a manager's approval" }],
    },
    {
      what: "opening stock from a till is refused: it is central's to write",
      doc: move({ kind: 'opening', lines: [{ sku: 'PS-M01-NEG-25', qty: 500 }] }),
      expect: [{ level: 'quarantine', reason: 'move: opening stock is written by central only, not by device s1.pos1' }],
    },
    { what: 'opening stock from central passes', doc: move({ kind: 'opening', lines: [{ sku: 'PS-M01-NEG-25', qty: 5 }] }, { device: 'central' }), expect: [] },
  ];
  for (const c of cases) it(c.what, () => expect(moveKinds(c.doc, context())).to.deep.equal(c.expect));
});

describe('central/rules/catalog-rules', () => {
  it('refuses every line of a sale whose SKU is not in the catalog, by index', () => {
    expect(knownSkus(sale([{}, { sku: 'FAKE-999' }]), context())).to.deep.equal([
      { level: 'quarantine', reason: 'sale/lines/1: unknown SKU FAKE-999 (not in the catalog)' },
    ]);
  });
  it('refuses a move of an unknown SKU', () => {
    expect(knownSkus(move({ kind: 'receipt', lines: [{ sku: 'FAKE-1', qty: 1 }] }), context()).map((v) => v.reason)).to.deep.equal(['move/lines/0: unknown SKU FAKE-1 (not in the catalog)']);
  });
  it("leaves a return to its sale's lines (a product retired since stays returnable)", () => {
    const s = sale([{ sku: 'RETIRED-1' }]);
    expect(knownSkus(giveBack(s, [{ line: 0, qty: 1 }]), context())).to.deep.equal([]);
  });
});
