import { expect } from 'chai';
import { DEFAULT_RESTART_POLICY, restartDelay } from '../../../../central/couch/restart-policy.js';

describe('restartDelay (restart-policy)', function () {
  const policy = { baseMs: 250, maxMs: 30_000, healthyAfterMs: 60_000 };

  it('waits the base delay after a first crash and doubles it for each crash in a row', function () {
    expect([1, 2, 3, 4].map((n) => restartDelay(n, policy))).to.deep.equal([250, 500, 1000, 2000]);
  });

  it('never waits longer than the maximum', function () {
    expect(restartDelay(50, policy)).to.equal(30_000);
    expect(restartDelay(Number.MAX_SAFE_INTEGER, policy)).to.equal(30_000);
  });

  it('counts a healthy child as healthy after a minute by default', function () {
    expect(DEFAULT_RESTART_POLICY.healthyAfterMs).to.equal(60_000);
  });
});
