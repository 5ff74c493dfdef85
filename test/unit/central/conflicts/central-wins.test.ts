import { expect } from 'chai';
import { centralWins } from '../../../../central/conflicts/strategies/central-wins.js';
import type { Leaf } from '../../../../central/conflicts/types.js';
import { store } from '../../validators/fixtures.js';
import { at, ctx, HOUR, leaf, MIN, resolveInEveryOrder } from './helpers.js';

// A store document: its name and city are central's to decide, though a store may edit them.
const storeDoc = (updatedAt: string, name: string) => ({ ...store, name, updatedAt, updatedBy: updatedAt.split('-').pop() });
const central = at(1 * MIN, 'central');
const admin = at(2 * MIN, 'central.ana');
const s1 = at(3 * MIN, 's1.pos1');
const future = at(6 * HOUR, 's1.pos1');

const cases: { name: string; leaves: Leaf[]; winner: string }[] = [
  { name: 'a central write beats a later store write', leaves: [leaf('3-aa', storeDoc(central, 'Pronto Centro')), leaf('3-bb', storeDoc(s1, 'Pronto Zócalo'))], winner: '3-aa' },
  { name: 'a central write beats a store clock hours in the future', leaves: [leaf('2-aa', storeDoc(central, 'Pronto Centro')), leaf('5-ff', storeDoc(future, 'Pronto Zócalo'))], winner: '2-aa' },
  { name: 'the latest of two central writes wins (an admin stamps as central.<name>)', leaves: [leaf('3-ff', storeDoc(central, 'Pronto Centro')), leaf('3-aa', storeDoc(admin, 'Pronto Centro Histórico'))], winner: '3-aa' },
  {
    name: 'one central write among three branches wins',
    leaves: [leaf('2-aa', storeDoc(s1, 'A')), leaf('2-bb', storeDoc(central, 'B')), leaf('4-cc', storeDoc(future, 'C'))], winner: '2-bb',
  },
  { name: 'without a central write, the latest store write wins', leaves: [leaf('3-ff', storeDoc(s1, 'A')), leaf('2-aa', storeDoc(future, 'B'))], winner: '2-aa' },
  {
    name: 'a deleted central leaf does not win; the live leaves follow lww',
    leaves: [leaf('2-aa', storeDoc(s1, 'A')), leaf('2-bb', storeDoc(future, 'B')), leaf('6-ff', storeDoc(admin, 'C'), true)], winner: '2-bb',
  },
  { name: 'a node merely named centralia is a store', leaves: [leaf('2-aa', storeDoc(at(9 * MIN, 'centralia'), 'A')), leaf('2-bb', storeDoc(s1, 'B'))], winner: '2-aa' },
  { name: 'a malformed central stamp is no central write', leaves: [leaf('2-aa', storeDoc('2026-11-24-central', 'A')), leaf('2-bb', storeDoc(s1, 'B'))], winner: '2-bb' },
];

describe('central/resolver/strategies/central-wins', () => {
  for (const c of cases) {
    it(`${c.name}, for every order of the leaves`, () => {
      expect(resolveInEveryOrder(centralWins, c.leaves, ctx())).to.deep.equal({ kind: 'keep-winner', rev: c.winner });
    });
  }
});
