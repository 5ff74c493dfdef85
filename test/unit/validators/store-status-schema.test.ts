// The till status report's schema: every field a till adds is bounded, nothing else gets in.
import { expect } from 'chai';
import { isValid } from '../../../validators/index.js';

const at = '2026-11-24T17:03:09.120Z';
const report = {
  _id: 'store-status:s1:s1.pos1', type: 'store-status', updatedAt: `${at}-0000-s1.pos1`, updatedBy: 's1.pos1',
  store: 's1', device: 's1.pos1', state: 'online', pending: 0,
  reportedAt: at, intervalMs: 60_000, appVersion: '0.1.0', refusedCount: 1,
  refused: [{ db: 'store', id: 'sale:s1:x', rev: '1-abc', reason: 'forbidden', at }],
  storage: { persisted: false, usage: 1024, quota: 1_000_000 }, clockOffsetMs: -21_600_000, clockSkewed: true,
};

describe('validators/schemas/store-status', () => {
  it('accepts a full till report', () => {
    expect(isValid(report, { db: 'store-s1' })).to.equal(null);
  });

  it('refuses what is unbounded, mistyped or unknown', () => {
    const cases: Array<[object, string]> = [
      [{ refused: Array.from({ length: 21 }, () => report.refused[0]) }, 'store-status/refused must NOT have more than 20 items'],
      [{ refused: [{ ...report.refused[0], reason: 'x'.repeat(501) }] }, 'store-status/refused/0/reason must NOT have more than 500 characters'],
      [{ refused: [{ ...report.refused[0], body: {} }] }, 'store-status/refused/0/body is not allowed'],
      [{ storage: { persisted: 'yes' } }, 'store-status/storage/persisted must be boolean'],
      [{ storage: { persisted: true, extra: 1 } }, 'store-status/storage/extra is not allowed'],
      [{ clockOffsetMs: 1.5 }, 'store-status/clockOffsetMs must be integer'],
      [{ clockOffsetMs: 1e15 }, 'store-status/clockOffsetMs must be <= 316224000000'],
      [{ intervalMs: 10 }, 'store-status/intervalMs must be >= 1000'],
      [{ appVersion: 'x'.repeat(41) }, 'store-status/appVersion has an invalid format'],
      [{ battery: 0.5 }, 'store-status/battery is not allowed'],
    ];
    for (const [patch, message] of cases) expect(isValid({ ...report, ...patch }, { db: 'store-s1' }), message).to.equal(message);
  });
});
