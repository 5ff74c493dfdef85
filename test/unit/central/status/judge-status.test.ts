import { expect } from 'chai';
import { DEFAULT_THRESHOLDS, followerLag, judgeStatus, type StatusFacts } from '../../../../central/status/index.js';

/** A healthy chain's facts; each case changes one thing. */
function healthy(): StatusFacts {
  return {
    at: '2026-12-03T08:00:00.000Z',
    central: { url: 'http://127.0.0.1:8080', answering: true, setupDone: true },
    couch: { url: 'http://127.0.0.1:5984', embedded: true, reachable: true, version: '3.5.0', vendor: 'The Apache Software Foundation' },
    designDocs: [{ db: 'catalog', id: '_design/pronto', state: 'current' }, { db: 'store-s1', id: '_design/pronto', state: 'current' }],
    security: [{ db: 'catalog', ok: true }, { db: 'store-s1', ok: true }],
    follower: [{ db: 'catalog', updateSeq: 2048, checkpointSeq: 2048, retrying: 0 }, { db: 'store-s1', updateSeq: 126, checkpointSeq: 120, retrying: 0 }],
    stores: [{ store: 's1', name: 'Centro', active: true, lastSeen: null, tills: 2, silentTills: 1, pending: 4, refused: 3, quarantined: 0, conflicts: 0 }],
    conflictsWaiting: 0,
    audit: { state: 'intact', entries: 12 },
    unread: {},
  };
}

const cases: Array<[string, (f: StatusFacts) => void, 'healthy' | 'degraded' | 'down', string | null]> = [
  ['a healthy chain is healthy, silent tills and refused uploads notwithstanding', () => undefined, 'healthy', null],
  ['central not answering is down', (f) => { f.central = { url: f.central.url, answering: false, error: 'ECONNREFUSED' }; }, 'down', 'central'],
  ['CouchDB unreachable is down, whatever else', (f) => { f.couch = { ...f.couch, reachable: false, error: 'ECONNREFUSED' }; f.audit = { state: 'broken', entries: 1, at: 1, id: 'x', reason: 'r' }; }, 'down', 'couchdb'],
  ['setup not done is degraded', (f) => { f.central.setupDone = false; }, 'degraded', 'central'],
  ['a stale design doc is degraded', (f) => { f.designDocs![1]!.state = 'stale'; }, 'degraded', 'design docs'],
  ['a missing design doc is degraded', (f) => { f.designDocs![0]!.state = 'missing'; }, 'degraded', 'design docs'],
  ['a wrong _security is degraded', (f) => { f.security![0]!.ok = false; }, 'degraded', '_security'],
  ['a follower lag over the limit is degraded', (f) => { f.follower![0]!.checkpointSeq = 2048 - DEFAULT_THRESHOLDS.maxLag - 1; }, 'degraded', 'change follower'],
  ['a database never followed counts its whole update_seq as lag', (f) => { f.follower![0]!.checkpointSeq = null; }, 'degraded', 'change follower'],
  ['failed batches waiting for retry are degraded', (f) => { f.follower![1]!.retrying = 2; }, 'degraded', 'change follower'],
  ['a quarantined document is degraded', (f) => { f.stores![0]!.quarantined = 1; }, 'degraded', 'quarantine'],
  ['conflicts over the limit are degraded', (f) => { f.conflictsWaiting = DEFAULT_THRESHOLDS.maxConflicts + 1; }, 'degraded', 'conflicts'],
  ['a broken audit chain is degraded', (f) => { f.audit = { state: 'broken', entries: 5, at: 3, id: 'audit:3', reason: 'hash mismatch' }; }, 'degraded', 'audit chain'],
  ['an audit chain that could not be verified is degraded', (f) => { f.audit = { state: 'unverified', reason: 'no audit key' }; }, 'degraded', 'audit chain'],
  ['a part that could not be read is degraded, with its reason', (f) => { f.stores = null; f.unread.stores = 'COUCH_ERROR: boom'; }, 'degraded', 'stores'],
];

describe('status/judgeStatus', function () {
  for (const [name, change, verdict, check] of cases) {
    it(name, function () {
      const facts = healthy();
      change(facts);
      const report = judgeStatus(facts);
      expect(report.verdict).to.equal(verdict);
      expect(report.exitCode).to.equal({ healthy: 0, degraded: 1, down: 2 }[verdict]);
      if (check === null) expect(report.problems).to.deep.equal([]);
      else expect(report.problems.map((p) => p.check)).to.include(check);
    });
  }

  it('takes its limits as arguments: the same lag is fine under a larger one', function () {
    const facts = healthy();
    facts.follower![0]!.checkpointSeq = 1900;
    expect(judgeStatus(facts).verdict).to.equal('degraded');
    expect(judgeStatus(facts, { maxLag: 200, maxConflicts: 50 }).verdict).to.equal('healthy');
  });

  it('says why a part was not read', function () {
    const facts = healthy();
    facts.audit = null;
    facts.unread.audit = 'COUCH_ERROR: boom';
    expect(judgeStatus(facts).problems[0]!.message).to.contain('COUCH_ERROR: boom');
  });

  it('measures lag as update_seq minus the checkpoint, never below zero', function () {
    expect(followerLag({ db: 'd', updateSeq: 10, checkpointSeq: 4, retrying: 0 })).to.equal(6);
    expect(followerLag({ db: 'd', updateSeq: 10, checkpointSeq: null, retrying: 0 })).to.equal(10);
    expect(followerLag({ db: 'd', updateSeq: 3, checkpointSeq: 5, retrying: 0 })).to.equal(0);
  });
});
