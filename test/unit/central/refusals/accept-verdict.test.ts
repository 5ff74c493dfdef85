import { expect } from 'chai';
import { acceptVerdict, type HeldRevision } from '../../../../central/refusals/accept-verdict.js';

describe('central/refusals/accept-verdict', () => {
  const cases: Array<[string, string, HeldRevision | null, RegExp | null]> = [
    ['a later counted revision settles it', '1-a', { rev: '2-b' }, null],
    ['a much later one too', '3-a', { rev: '12-f' }, null],
    ['no revision at central does not', '1-a', null, /holds no revision/],
    ['a deleted document does not', '1-a', { rev: '2-b', deleted: true }, /holds no revision/],
    ['the same generation is not later', '2-a', { rev: '2-b' }, /not later than the refused one/],
    ['an older revision is not later', '3-a', { rev: '2-b' }, /not later than the refused one/],
    ['a quarantined revision is not counted', '1-a', { rev: '2-b', quarantined: true }, /is quarantined/],
  ];
  for (const [what, refused, held, expected] of cases) {
    it(what, () => {
      const out = acceptVerdict('customer:1', refused, held);
      if (expected === null) expect(out).to.equal(null);
      else expect(out).to.match(expected);
    });
  }
});
