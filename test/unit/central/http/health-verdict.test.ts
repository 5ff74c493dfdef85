// What /api/health answers, from its checks.
import { expect } from 'chai';
import { feedCheck, healthVerdict } from '../../../../central/http/health-verdict.js';
import type { DbLag } from '../../../../central/feed/index.js';

const db = (name: string, secondsBehind = 0, lag = 0): DbLag => ({ db: name, updateSeq: 10, processed: 10 - lag, lag, pending: 0, secondsBehind });
const couch = (reachable: boolean) => ({ reachable, embedded: true, restarts: 0 });
const setup = (done: boolean) => ({ done, at: done ? '2026-12-03T08:00:00.000Z' : null, stores: ['s1'] });

describe('central/http/health-verdict', function () {
  it('is ok when every database is followed and none has been behind too long', function () {
    const feed = feedCheck({ read: true, following: ['catalog', 'store-s1'], databases: [db('catalog', 0, 3000), db('store-s1', 59)] }, 60);
    expect(feed).to.deep.equal({ status: 'ok', following: 2, databases: 2 });
    expect(healthVerdict(couch(true), setup(true), feed).status).to.equal('ok');
  });

  it('says how the follower hears of changes when the feed says', function () {
    const feed = (mode: 'db-updates' | 'poll') => feedCheck({ read: true, following: ['catalog'], databases: [db('catalog')], mode }, 60);
    expect(feed('db-updates')).to.deep.include({ status: 'ok', mode: 'db-updates' });
    expect(feed('poll')).to.deep.include({ status: 'ok', mode: 'poll' });
  });

  it('is degraded when a database is not followed, has been behind too long, or the lag is unreadable', function () {
    const stopped = feedCheck({ read: true, following: undefined, databases: [db('catalog'), db('store-s1')] }, 60);
    expect(stopped).to.deep.include({ status: 'stopped', following: 0, notFollowed: ['catalog', 'store-s1'] });
    const lagging = feedCheck({ read: true, following: ['store-s1'], databases: [db('store-s1', 61.4, 7)] }, 60);
    expect(lagging).to.deep.include({ status: 'lagging', lagging: [{ db: 'store-s1', lag: 7, secondsBehind: 61 }] });
    const unknown = feedCheck({ read: false, error: 'timeout' }, 60);
    for (const feed of [stopped, lagging, unknown]) expect(healthVerdict(couch(true), setup(true), feed).status, feed.status).to.equal('degraded');
  });

  it('is down when CouchDB is unreachable or setup is not done, whatever the follower', function () {
    expect(healthVerdict(couch(false), setup(true), undefined)).to.deep.include({ status: 'down' });
    expect(healthVerdict(couch(true), setup(false), undefined).checks.setup.status).to.equal('down');
    expect(healthVerdict(couch(false), setup(true), undefined).checks.couchdb.status).to.equal('down');
  });
});
