import { expect } from 'chai';
import { manual } from '../../../../central/conflicts/strategies/manual.js';
import type { Leaf, Resolution } from '../../../../central/conflicts/types.js';
import { product } from '../../validators/fixtures.js';
import { at, ctx, leaf, MIN, resolveInEveryOrder } from './helpers.js';

const p = (updatedAt: string, price: number) => ({ ...product, price, updatedAt });

const cases: { name: string; leaves: Leaf[]; result: Resolution }[] = [
  {
    name: 'two live branches go to review, naming the type',
    leaves: [leaf('3-aa', p(at(MIN, 'central'), 139900)), leaf('3-bb', p(at(2 * MIN, 's1.pos1'), 119900))],
    result: { kind: 'needs-review', reason: 'policy for product is manual' },
  },
  {
    name: 'three live branches go to review',
    leaves: [leaf('3-aa', p(at(MIN, 'central'), 1)), leaf('3-bb', p(at(2 * MIN, 's1.pos1'), 2)), leaf('2-cc', p(at(3 * MIN, 's2.pos1'), 3))],
    result: { kind: 'needs-review', reason: 'policy for product is manual' },
  },
  {
    name: 'a live leaf against deletions only is kept, as CouchDB reports no conflict',
    leaves: [leaf('3-aa', p(at(MIN, 'central'), 1)), leaf('4-bb', p(at(2 * MIN, 's1.pos1'), 2), true)],
    result: { kind: 'keep-winner', rev: '3-aa' },
  },
];

describe('central/resolver/strategies/manual', () => {
  for (const c of cases) {
    it(`${c.name}, for every order of the leaves`, () => {
      expect(resolveInEveryOrder(manual, c.leaves, ctx())).to.deep.equal(c.result);
    });
  }
});
