import { expect } from 'chai';
import { DEFAULT_SYNC_SETTINGS, sameSyncSettings, syncSettings } from '../../../store-client/sync-settings.js';

describe('store-client/sync-settings', () => {
  it('uses the defaults without a document, and takes every valid value from one', () => {
    expect(syncSettings(undefined)).to.deep.equal(DEFAULT_SYNC_SETTINGS);
    const given = { batchSize: 50, batchesLimit: 2, retryMinMs: 200, retryMaxMs: 5000, heartbeatMs: 2000, statusIntervalMs: 30_000, historyDays: 90 };
    expect(syncSettings(given)).to.deep.equal(given);
  });

  it('falls back to the default for each value outside the schema\'s bounds or of the wrong kind, one by one', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ batchSize: 5 }, 'batchSize'], [{ batchSize: 5001 }, 'batchSize'], [{ batchSize: 10.5 }, 'batchSize'],
      [{ batchesLimit: '3' }, 'batchesLimit'], [{ heartbeatMs: 999 }, 'heartbeatMs'], [{ statusIntervalMs: null }, 'statusIntervalMs'], [{ historyDays: 30 }, 'historyDays'],
    ];
    for (const [value, key] of cases) {
      expect(syncSettings({ ...value, retryMinMs: 300 }), JSON.stringify(value)).to.include({ [key]: DEFAULT_SYNC_SETTINGS[key as keyof typeof DEFAULT_SYNC_SETTINGS], retryMinMs: 300 });
    }
    expect(syncSettings('fast')).to.deep.equal(DEFAULT_SYNC_SETTINGS);
  });

  it('never lets the retry ceiling fall below its floor', () => {
    expect(syncSettings({ retryMinMs: 50_000, retryMaxMs: 2000 })).to.include({ retryMinMs: 50_000, retryMaxMs: 50_000 });
  });

  it('compares settings value by value', () => {
    expect(sameSyncSettings(syncSettings({}), { ...DEFAULT_SYNC_SETTINGS })).to.equal(true);
    expect(sameSyncSettings(syncSettings({ batchSize: 20 }), DEFAULT_SYNC_SETTINGS)).to.equal(false);
  });
});
