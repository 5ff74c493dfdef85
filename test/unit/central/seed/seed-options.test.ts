import { expect } from 'chai';
import { MAX_SKUS, MAX_STORES, seedPlan } from '../../../../central/seed/index.js';
import { isProntoError } from '../../../../validators/errors.js';

describe('seed/seedPlan', function () {
  it('seeds the demo chain with no options', function () {
    expect(seedPlan({})).to.deep.equal({ kind: 'demo' });
  });

  it('takes whole numbers of stores and SKUs', function () {
    expect(seedPlan({ stores: '3', skus: ' 40 ' })).to.deep.equal({ kind: 'synthetic', stores: 3, skus: 40 });
    expect(seedPlan({ stores: String(MAX_STORES), skus: String(MAX_SKUS) })).to.deep.equal({ kind: 'synthetic', stores: MAX_STORES, skus: MAX_SKUS });
  });

  const bad: Array<[string, { stores?: string; skus?: string }, string]> = [
    ['zero stores', { stores: '0', skus: '5' }, '--stores must be a whole number from 1'],
    ['letters for SKUs', { stores: '2', skus: 'abc' }, '--skus must be a whole number from 1'],
    ['a fraction', { stores: '1.5', skus: '5' }, '--stores'],
    ['a negative number', { stores: '2', skus: '-1' }, '--skus'],
    ['an exponent', { stores: '1e3', skus: '5' }, '--stores'],
    ['too many stores', { stores: String(MAX_STORES + 1), skus: '5' }, '--stores'],
    ['too many SKUs', { stores: '1', skus: String(MAX_SKUS + 1) }, '--skus'],
    ['stores without SKUs', { stores: '2' }, 'go together'],
    ['SKUs without stores', { skus: '2' }, 'go together'],
  ];
  for (const [name, options, message] of bad) {
    it(`refuses ${name} with a BAD_REQUEST saying what is allowed`, function () {
      let thrown: unknown;
      try {
        seedPlan(options);
      } catch (err) {
        thrown = err;
      }
      expect(isProntoError(thrown, 'BAD_REQUEST'), String(thrown)).to.equal(true);
      expect((thrown as Error).message).to.contain(message);
    });
  }
});
