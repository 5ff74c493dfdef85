import { expect } from 'chai';
import { checkSince, dependsOnCopies, seqNumber } from '../../../../central/feed/check-since.js';

describe('central/resolver checkSince', () => {
  const cases: Array<[string, unknown, unknown, boolean]> = [
    ['no checkpoint yet starts from the beginning', undefined, '42-g1AAAA', true],
    ['a cluster sequence at the update_seq', '42-g1AAAAbXf_ABC', '42-g1AAAAbXf_ABC', true],
    ['a cluster sequence below the update_seq', '7-g1AAAA', '42-g1AAAA', true],
    ['an embedded server sequence (a number)', 7, 42, true],
    ['a sequence string of the embedded server', '7', 42, true],
    ['a checkpoint beyond the update_seq', '999999999', '42-g1AAAA', false],
    ['a checkpoint that is not a sequence', 'now', 42, false],
    ['a negative number', -1, 42, false],
    ['an object', { seq: 1 }, 42, false],
    ['sequences as opaque strings with dashes inside the token', '3-g1AAAA-x_Y', '3-g1AAAA-x_Y', true],
    ['a cluster sequence beyond the update_seq, where each shard has one copy', '63-g1AAAA', '35-g1BBBB', false],
    ['a bare number on a server whose sequences are opaque (a checkpoint from the embedded server)', '7', '42-g1AAAA', false],
    ['an opaque sequence on a server whose sequences are numbers', '7-g1AAAA', 42, false],
    ['since 0 on a server whose sequences are opaque', '0', '42-g1AAAA', true],
  ];
  for (const [what, since, top, ok] of cases) {
    it(`${ok ? 'trusts' : 'refuses'} ${what}`, () => expect(checkSince(since, top).ok).to.equal(ok));
  }

  // The copies of one shard count their own sequences (three copies said 35, 51 and 63 for the
  // same writes on a CouchDB 3.4.3 cluster): with several, the leading numbers do not compare.
  it('trusts a cluster checkpoint beyond the update_seq when the shards have several copies, and only then', () => {
    expect(checkSince('63-g1AAAA', '35-g1BBBB', true)).to.deep.equal({ ok: true, since: '63-g1AAAA' });
    expect(checkSince('63-g1AAAA', '35-g1BBBB', false).ok).to.equal(false);
    expect(checkSince('999999999', '35-g1BBBB', true), 'a bare number is no cluster sequence').to.deep.equal({ ok: false, reason: "checkpoint 999999999 is beyond the database's update_seq 35" });
    expect(checkSince(999, 35, true).ok, 'the embedded server').to.equal(false);
  });

  it('asks about copies only for an opaque checkpoint past the update_seq', () => {
    const cases: Array<[unknown, unknown, boolean]> = [['63-g1A', '35-g1B', true], ['35-g1A', '63-g1B', false], ['63-g1A', '63-g1B', false], ['63', '35-g1B', false], [63, 35, false], [undefined, '35-g1B', false]];
    expect(cases.map(([since, top]) => dependsOnCopies(since, top))).to.deep.equal(cases.map(([, , asks]) => asks));
  });

  it('reads the leading number of a sequence', () => {
    expect([seqNumber('12-abc'), seqNumber(12), seqNumber('12'), seqNumber('x-12'), seqNumber(1.5)]).to.deep.equal([12, 12, 12, null, null]);
  });
});
