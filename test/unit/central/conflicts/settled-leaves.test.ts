import { expect } from 'chai';
import { planBulk, type LeafWithHistory } from '../../../../central/conflicts/plan-bulk.js';
import { createSettledLeaves, leavesAfter } from '../../../../central/conflicts/settled-leaves.js';

const leaf = (rev: string, body: Record<string, unknown>, deleted = false): LeafWithHistory => {
  const [gen, hash] = rev.split('-') as [string, string];
  return { rev, deleted, body, history: { start: Number(gen), ids: [hash, 'base'] } };
};
const body = { _id: 'customer:x', type: 'customer', name: 'Ana' };
// Two live siblings on a base, and a leaf deleted by an earlier resolution.
const leaves = [leaf('2-aaa', { ...body, name: 'Ana M.' }), leaf('2-bbb', { ...body, name: 'Anita' }), leaf('3-ccc', {}, true)];

describe('central/conflicts settledLeaves', () => {
  it('names the leaves a kept winner leaves behind: the winner, a tombstone on its sibling, the old deletion', () => {
    const writes = planBulk('customer:x', leaves, { kind: 'keep-winner', rev: '2-aaa' });
    const after = leavesAfter(leaves, writes);
    expect(after).to.have.length(3);
    expect(after).to.include.members(['2-aaa', '3-ccc']);
    expect(after.find((r) => r.startsWith('3-') && r !== '3-ccc'), 'the tombstone of 2-bbb').to.be.a('string');
  });

  it('names the leaves a merge leaves behind: the merged child, a tombstone, the old deletion; no parent', () => {
    const writes = planBulk('customer:x', leaves, { kind: 'write-merged', body: { ...body, name: 'Ana Mª' } });
    const after = leavesAfter(leaves, writes);
    expect(after).to.deep.equal([...writes.map((w) => w._rev), '3-ccc'].sort());
    expect(after).to.not.include.members(['2-aaa']);
    expect(after).to.not.include.members(['2-bbb']);
  });

  it('knows its own write coming back once, in any order of revs, and nothing else', () => {
    const settled = createSettledLeaves();
    const writes = planBulk('customer:x', leaves, { kind: 'keep-winner', rev: '2-aaa' });
    settled.remember('customers', 'customer:x', leaves, writes);
    const back = leavesAfter(leaves, writes).reverse();
    expect(settled.settledBy('catalog', 'customer:x', back), 'another database').to.equal(false);
    expect(settled.settledBy('customers', 'customer:x', [...back, '3-new']), 'a leaf written since').to.equal(false);
    expect(settled.settledBy('customers', 'customer:x', back.slice(1)), 'fewer leaves').to.equal(false);
    expect(settled.settledBy('customers', 'customer:x', back)).to.equal(true);
    expect(settled.settledBy('customers', 'customer:x', back), 'used once').to.equal(false);
  });

  it('forgets the oldest documents past its bound', () => {
    const settled = createSettledLeaves(2);
    const writes = planBulk('customer:x', leaves, { kind: 'keep-winner', rev: '2-aaa' });
    for (const id of ['a', 'b', 'c']) settled.remember('customers', id, leaves, writes);
    const back = leavesAfter(leaves, writes);
    expect(['a', 'b', 'c'].map((id) => settled.settledBy('customers', id, back))).to.deep.equal([false, true, true]);
  });
});
