import { expect } from 'chai';
import { leavesOfBulkGet } from '../../../../central/conflicts/read-leaves.js';

describe('leavesOfBulkGet', function () {
  const stored = (rev: string, deleted = false) => ({ _id: 'a', _rev: rev, ...(deleted ? { _deleted: true } : {}), _revisions: { start: 2, ids: [rev.slice(2), 'x'] } });

  it('keeps one leaf per revision, however many named revisions led to it', function () {
    const { leaves, notFound, failed } = leavesOfBulkGet([{ id: 'a', docs: [{ ok: stored('2-b') }, { ok: stored('2-b') }, { ok: stored('2-c', true) }] }]);
    expect(leaves.get('a')!.map((l) => [l.rev, l.deleted])).to.deep.equal([['2-b', false], ['2-c', true]]);
    expect([...notFound]).to.deep.equal([]);
    expect(failed).to.equal(undefined);
  });

  it('sends a document with a revision not found to a whole read, not deciding on the leaves it did read', function () {
    const read = leavesOfBulkGet([{ id: 'a', docs: [{ ok: stored('2-b') }, { missing: '2-c' }] }, { id: 'b', docs: [{ ok: { ...stored('2-d'), _id: 'b' } }] }]);
    expect([...read.notFound]).to.deep.equal(['a']);
    expect([...read.leaves.keys()]).to.deep.equal(['b']);
  });

  it('names the first document that failed', function () {
    const read = leavesOfBulkGet([{ id: 'a', docs: [{ ok: stored('2-b') }] }, { id: 'b', docs: [{ error: { error: 'internal_fabric_error', reason: 'timeout' } }] }, { id: 'c', docs: [{ error: 'x', reason: 'y' }] }]);
    expect(read.failed).to.deep.equal({ id: 'b', error: 'internal_fabric_error: timeout' });
  });
});
