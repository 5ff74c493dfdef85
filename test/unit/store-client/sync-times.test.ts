import { expect } from 'chai';
import { laterTime, mergeSyncTimes, noSyncTimes, parseSyncTimes, sameSyncTimes } from '../../../store-client/sync-times.js';

const T1 = '2026-11-24T10:00:00.000Z';
const T2 = '2026-11-24T11:30:00.000Z';
const T3 = '2026-11-24T12:00:00.000Z';

describe('store-client/sync-times', () => {
  it('takes the later of two times, and any time over none', () => {
    const cases: Array<[string | null | undefined, string | null | undefined, string | null]> = [
      [T1, T2, T2],
      [T2, T1, T2],
      [T1, T1, T1],
      [null, T1, T1],
      [T1, null, T1],
      [T1, undefined, T1],
      [null, null, null],
      [undefined, undefined, null],
    ];
    for (const [a, b, want] of cases) expect(laterTime(a, b), `${a} vs ${b}`).to.equal(want);
  });

  it('compares instants, not strings', () => {
    // A year-10000 string sorts before a year-9999 one as text; as instants it is later.
    expect(laterTime('+010000-01-01T00:00:00.000Z', '9999-12-31T00:00:00.000Z')).to.equal('+010000-01-01T00:00:00.000Z');
  });

  it('merges field by field and never moves a known time back', () => {
    const known = { lastPush: T2, lastPull: T1 };
    expect(mergeSyncTimes(known, { lastPush: T1, lastPull: T3 })).to.deep.equal({ lastPush: T2, lastPull: T3 });
    expect(mergeSyncTimes(known, { lastPull: null })).to.deep.equal(known);
    expect(mergeSyncTimes(known, {})).to.deep.equal(known);
    expect(mergeSyncTimes(noSyncTimes, known)).to.deep.equal(known);
  });

  it('tells equal times apart from different ones', () => {
    expect(sameSyncTimes({ lastPush: T1, lastPull: null }, { lastPush: T1, lastPull: null })).to.equal(true);
    expect(sameSyncTimes({ lastPush: T1, lastPull: null }, { lastPush: T1, lastPull: T1 })).to.equal(false);
  });

  it('reads back only canonical ISO times from a stored document, anything else as unknown', () => {
    expect(parseSyncTimes({ _id: '_local/sync-times', lastPush: T1, lastPull: T2 })).to.deep.equal({ lastPush: T1, lastPull: T2 });
    expect(parseSyncTimes({ lastPush: 'yesterday', lastPull: 1_700_000_000_000 })).to.deep.equal(noSyncTimes);
    expect(parseSyncTimes({ lastPush: '2026-11-24T10:00:00Z' })).to.deep.equal(noSyncTimes);
    expect(parseSyncTimes(undefined)).to.deep.equal(noSyncTimes);
    expect(parseSyncTimes(null)).to.deep.equal(noSyncTimes);
  });
});
