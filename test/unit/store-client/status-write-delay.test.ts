import { expect } from 'chai';
import { statusWriteDelay } from '../../../store-client/status-write-delay.js';
import type { SyncState } from '../../../store-client/index.js';

const base = { writtenAt: 1000, nowMs: 3000, minIntervalMs: 5000 };

describe('store-client/status-write-delay', () => {
  const cases: { written: SyncState | undefined; next: SyncState; delay: number; what: string }[] = [
    { written: undefined, next: 'offline', delay: 0, what: 'the first status is written at once' },
    { written: 'online', next: 'offline', delay: 0, what: 'going offline is written at once' },
    { written: 'offline', next: 'syncing', delay: 0, what: 'reconnecting is written at once' },
    { written: 'syncing', next: 'denied', delay: 0, what: 'a denial is written at once' },
    { written: 'online', next: 'online', delay: 3000, what: 'other changes wait for the interval since the last write' },
    { written: 'online', next: 'syncing', delay: 3000, what: 'a live online/syncing flip waits for the interval' },
    { written: 'syncing', next: 'online', delay: 3000, what: 'a live syncing/online flip waits for the interval' },
  ];
  for (const { written, next, delay, what } of cases) {
    it(what, () => {
      expect(statusWriteDelay({ ...base, writtenState: written, nextState: next })).to.equal(delay);
    });
  }

  it('writes at once when the interval has already passed', () => {
    expect(statusWriteDelay({ ...base, nowMs: 9000, writtenState: 'online', nextState: 'online' })).to.equal(0);
  });

  it('never waits longer than the interval, even when the clock went back since the last write', () => {
    expect(statusWriteDelay({ ...base, writtenAt: 6 * 3_600_000, nowMs: 0, writtenState: 'online', nextState: 'online' })).to.equal(5000);
  });
});
