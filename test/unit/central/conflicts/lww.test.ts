import { expect } from 'chai';
import { lww } from '../../../../central/conflicts/strategies/lww.js';
import type { Leaf } from '../../../../central/conflicts/types.js';
import { omit, storeStatus } from '../../validators/fixtures.js';
import { at, ctx, HOUR, leaf, MIN, resolveInEveryOrder } from './helpers.js';

// A store-status document: lww is the default policy, and devices overwrite it often.
const status = (updatedAt: string, state = 'online') => ({ ...storeStatus, state, updatedAt });
const s1 = at(1 * MIN, 's1.pos1');
const s2 = at(2 * MIN, 's2.pos1');
const s3 = at(3 * MIN, 's3.pos1');

const lwwCases: { name: string; leaves: Leaf[]; winner: string }[] = [
  { name: 'the later of two writes wins, even when CouchDB would pick the other', leaves: [leaf('2-aa', status(s2, 'offline')), leaf('2-bb', status(s1))], winner: '2-aa' },
  { name: 'the latest of three writes wins', leaves: [leaf('3-aa', status(s1)), leaf('2-bb', status(s3, 'syncing')), leaf('4-cc', status(s2))], winner: '2-bb' },
  {
    name: 'a deleted leaf with the latest stamp does not win',
    leaves: [leaf('2-aa', status(s1)), leaf('2-bb', status(s2)), leaf('5-ff', status(at(9 * HOUR, 's3.pos1')), true)], winner: '2-bb',
  },
  { name: 'a live leaf against deletions only is kept', leaves: [leaf('2-aa', status(s1)), leaf('3-ff', status(s2), true)], winner: '2-aa' },
  { name: 'with every leaf deleted, CouchDB\'s winner stays', leaves: [leaf('3-aa', status(s2), true), leaf('4-bb', status(s1), true)], winner: '4-bb' },
  {
    name: 'equal wall time and counter on two nodes: the greater node id wins',
    leaves: [leaf('3-ff', status(at(MIN, 's1.pos1'))), leaf('2-aa', status(at(MIN, 's2.pos1'), 'offline'))], winner: '2-aa',
  },
  {
    name: 'the counter orders two writes in the same millisecond',
    leaves: [leaf('2-aa', status(at(MIN, 's2.pos1', 1))), leaf('2-bb', status(at(MIN, 's1.pos1', 2)))], winner: '2-bb',
  },
  {
    // HLC semantics: the drift guard where stamps are issued is what limits a fast clock.
    name: 'a store clock hours in the future wins',
    leaves: [leaf('4-aa', status(at(10 * MIN, 'central'))), leaf('2-bb', status(at(5 * HOUR, 's3.pos1'), 'error'))], winner: '2-bb',
  },
  { name: 'a leaf missing updatedAt loses, even as CouchDB\'s winner', leaves: [leaf('9-ff', omit(status(s3), 'updatedAt')), leaf('2-aa', status(s1))], winner: '2-aa' },
  { name: 'a malformed updatedAt loses', leaves: [leaf('3-ff', status('2026-11-24 17:30')), leaf('2-aa', status(s1))], winner: '2-aa' },
  { name: 'an identical stamp falls back to CouchDB\'s winner', leaves: [leaf('3-a1', status(s2)), leaf('3-b2', status(s2, 'offline')), leaf('2-ff', status(s1))], winner: '3-b2' },
  { name: 'with no stamp anywhere, CouchDB\'s winner stays', leaves: [leaf('3-a1', omit(status(s1), 'updatedAt')), leaf('2-ff', omit(status(s2), 'updatedAt'))], winner: '3-a1' },
];

describe('central/resolver/strategies/lww', () => {
  for (const c of lwwCases) {
    it(`${c.name}, for every order of the leaves`, () => {
      expect(resolveInEveryOrder(lww, c.leaves, ctx())).to.deep.equal({ kind: 'keep-winner', rev: c.winner });
    });
  }
});
