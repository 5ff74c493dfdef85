import { expect } from 'chai';
import { couchWinner } from '../../../../central/conflicts/couch-winner.js';
import { leaf, permutations } from './helpers.js';

const body = { _id: 'product:PR-1001-NEG-25.5', type: 'product' };

describe('central/resolver/couch-winner', () => {
  const cases: { name: string; leaves: [string, boolean][]; winner: string }[] = [
    { name: 'a live leaf beats a deleted one of a higher generation', leaves: [['2-aa', false], ['7-ff', true]], winner: '2-aa' },
    { name: 'the higher generation wins among live leaves', leaves: [['3-00', false], ['4-00', false], ['2-ff', false]], winner: '4-00' },
    { name: 'generations compare as numbers, so 10 beats 9', leaves: [['9-ff', false], ['10-00', false]], winner: '10-00' },
    { name: 'the greater hash wins within a generation', leaves: [['3-a1b2', false], ['3-d4e5', false], ['3-c000', false]], winner: '3-d4e5' },
    { name: 'among deleted leaves only, the same order applies', leaves: [['3-aa', true], ['4-bb', true], ['4-ab', true]], winner: '4-bb' },
    { name: 'a malformed rev loses to any well-formed one', leaves: [['oops', false], ['1-00', false]], winner: '1-00' },
  ];

  for (const c of cases) {
    it(`${c.name}, whatever the order of the leaves`, () => {
      const leaves = c.leaves.map(([rev, deleted]) => leaf(rev, body, deleted));
      for (const order of permutations(leaves)) expect(couchWinner(order).rev).to.equal(c.winner);
    });
  }

  it('returns the leaf object itself', () => {
    const leaves = [leaf('1-aa', body), leaf('2-bb', body)];
    expect(couchWinner(leaves)).to.equal(leaves[1]);
  });

  it('refuses an empty list of leaves', () => {
    expect(() => couchWinner([])).to.throw(/at least one leaf/);
  });
});
