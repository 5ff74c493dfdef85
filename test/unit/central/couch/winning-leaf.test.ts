// CouchDB's choice of the winning revision among a document's leaves, as exclusive-writes.ts
// needs it to agree with every copy (https://docs.couchdb.org/en/stable/replication/conflicts.html:
// "the revision with the longest revision history list becomes the winner", ties broken by
// comparing revision ids; a deleted leaf loses to a live one).
import { expect } from 'chai';
import { winningLeaf, type Leaf } from '../../../../central/couch/exclusive-writes.js';

const leaf = (rev: string, deleted = false): Leaf => ({ rev, deleted, history: [rev] });

describe('winningLeaf', () => {
  it('takes the greater revision id between leaves of one generation', () => {
    expect(winningLeaf([leaf('2-aaa'), leaf('2-fff'), leaf('2-bbb')])?.rev).to.equal('2-fff');
  });
  it('takes the longer history before the greater id', () => {
    expect(winningLeaf([leaf('2-fff'), leaf('3-000')])?.rev).to.equal('3-000');
    expect(winningLeaf([leaf('9-a'), leaf('10-a')])?.rev, 'generations compared as numbers').to.equal('10-a');
  });
  it('takes a live leaf before a deleted one, however long the deleted one\'s history', () => {
    expect(winningLeaf([leaf('5-fff', true), leaf('2-000')])?.rev).to.equal('2-000');
    expect(winningLeaf([leaf('5-fff', true), leaf('4-000', true)])?.rev, 'all deleted: the usual order').to.equal('5-fff');
  });
  it('has no winner without leaves', () => {
    expect(winningLeaf([])).to.equal(undefined);
  });
});
