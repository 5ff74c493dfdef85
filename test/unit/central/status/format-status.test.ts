import { expect } from 'chai';
import { formatStatus, judgeStatus, wantsColour, type StatusFacts } from '../../../../central/status/index.js';

const facts: StatusFacts = {
  at: '2026-12-03T08:00:00.000Z',
  central: { url: 'http://127.0.0.1:8080', answering: true, setupDone: true },
  couch: { url: 'http://127.0.0.1:5984', embedded: true, reachable: true, version: '4.2.0', vendor: 'PouchDB authors' },
  designDocs: [{ db: 'catalog', id: '_design/pronto', state: 'stale' }],
  security: [{ db: 'catalog', ok: true }],
  follower: [{ db: 'catalog', updateSeq: 10, checkpointSeq: 10, retrying: 0 }],
  stores: [{ store: 's1', name: 'Centro', active: true, lastSeen: '2026-12-03T07:59:00.000Z', tills: 2, silentTills: 0, pending: 1, refused: 0, quarantined: 0, conflicts: 0 }],
  conflictsWaiting: 0,
  audit: { state: 'intact', entries: 3 },
  unread: {},
};

describe('status/formatStatus', function () {
  it('shows the verdict, each check, each store and each database, and the problems', function () {
    const text = formatStatus(judgeStatus(facts), false);
    expect(text).to.match(/^Pronto Sync: DEGRADED \(exit 1\)/);
    expect(text).to.contain('0 of 1 up to date');
    expect(text).to.match(/s1 +Centro +2026-12-03T07:59:00.000Z +2 +0 +1/);
    expect(text).to.match(/catalog +10 +10 +0 +0/);
    expect(text).to.contain('DEGRADED  design docs: _design/pronto in catalog is not the built one');
  });

  it('says whether central follows _db_updates or polls every database', function () {
    const withMode = (mode: string) => formatStatus(judgeStatus({ ...facts, central: { ...facts.central, follower: { status: 'ok', mode } } }), false);
    expect(withMode('db-updates')).to.match(/follower +1 databases, largest lag 0 \(catalog\), limit 100; central follows _db_updates/);
    expect(withMode('poll')).to.contain('central polls every database (no _db_updates)');
    expect(formatStatus(judgeStatus(facts), false)).not.to.contain('central polls');
  });

  it('has no escape codes without colour, and colours the verdict with it', function () {
    expect(formatStatus(judgeStatus(facts), false)).not.to.contain('\x1b[');
    expect(formatStatus(judgeStatus(facts), true)).to.contain('\x1b[33mDEGRADED\x1b[0m');
  });

  it('wants colour only on a terminal with NO_COLOR unset or empty', function () {
    expect(wantsColour(true, {})).to.equal(true);
    expect(wantsColour(true, { NO_COLOR: '' })).to.equal(true);
    expect(wantsColour(true, { NO_COLOR: '1' })).to.equal(false);
    expect(wantsColour(false, {})).to.equal(false);
    expect(wantsColour(undefined, {})).to.equal(false);
  });
});
