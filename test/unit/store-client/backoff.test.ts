import { expect } from 'chai';
import { backoffDelay } from '../../../store-client/backoff.js';

describe('store-client/backoff', () => {
  it('grows exponentially with full jitter: random 1 gives the ceiling base·2^attempt', () => {
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, {}, () => 1))).to.deep.equal([1000, 2000, 4000, 8000]);
    expect(backoffDelay(3, {}, () => 0.5)).to.equal(4000);
    expect(backoffDelay(3, {}, () => 0)).to.equal(0);
  });

  it('never exceeds maxMs, even for absurd attempt counts', () => {
    expect(backoffDelay(10, {}, () => 1)).to.equal(60000);
    expect(backoffDelay(1e9, { baseMs: 500, maxMs: 7000 }, () => 1)).to.equal(7000);
  });

  it('stays within [0, maxMs] whatever the random source returns', () => {
    for (const r of [-1, 0, 0.3, 0.999, 1, 2, NaN]) {
      const d = backoffDelay(5, { maxMs: 10000 }, () => r);
      expect(d, String(r)).to.be.within(0, 10000);
    }
  });

  it('uses decorrelated jitter between base and three times the previous delay', () => {
    const opts = { jitter: 'decorrelated' as const, baseMs: 1000, maxMs: 60000 };
    expect(backoffDelay(0, opts, () => 0)).to.equal(1000);
    expect(backoffDelay(0, { ...opts, previousMs: 4000 }, () => 1)).to.equal(12000);
    expect(backoffDelay(0, { ...opts, previousMs: 50000 }, () => 1)).to.equal(60000);
  });
});
