import { expect } from 'chai';
import { checkSince, seqNumber } from '../../../../central/feed/check-since.js';

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
  ];
  for (const [what, since, top, ok] of cases) {
    it(`${ok ? 'trusts' : 'refuses'} ${what}`, () => expect(checkSince(since, top).ok).to.equal(ok));
  }

  it('reads the leading number of a sequence', () => {
    expect([seqNumber('12-abc'), seqNumber(12), seqNumber('12'), seqNumber('x-12'), seqNumber(1.5)]).to.deep.equal([12, 12, 12, null, null]);
  });
});
