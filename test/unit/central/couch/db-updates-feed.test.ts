// The embedded server's _db_updates (central/couch/db-updates-feed.ts): one event per database,
// the latest; positions that belong to this boot only; a long-poll woken by a write.
import { expect } from 'chai';
import { createDbUpdatesFeed, readQuery, type DbUpdatesAnswer } from '../../../../central/couch/db-updates-feed.js';

const q = (query: string) => new URLSearchParams(query);
const live = new AbortController().signal;
type Body = { results: Array<{ db_name: string; type: string; seq: string }>; last_seq: string };
const ok = (a: DbUpdatesAnswer): Body => {
  expect(a.status).to.equal(200);
  return a.body as Body;
};

describe('central/couch/db-updates-feed', function () {
  it('gives the current position with since=now and no events before it', async function () {
    const feed = createDbUpdatesFeed('boot1');
    feed.record('store-s1', 'updated');
    expect(ok(await feed.answer(q('since=now'), live))).to.deep.equal({ results: [], last_seq: '1-boot1' });
  });

  it('names each database written after a position once per kind of event, with its latest position, in order', async function () {
    const feed = createDbUpdatesFeed('boot1');
    feed.record('store-s1', 'created');
    const since = ok(await feed.answer(q('since=now'), live)).last_seq;
    feed.record('store-s2', 'updated');
    feed.record('store-s1', 'updated');
    feed.record('store-s2', 'updated');
    feed.record('catalog', 'deleted');
    const body = ok(await feed.answer(q(`since=${since}`), live));
    expect(body.results).to.deep.equal([
      { db_name: 'store-s1', type: 'updated', seq: '3-boot1' },
      { db_name: 'store-s2', type: 'updated', seq: '4-boot1' },
      { db_name: 'catalog', type: 'deleted', seq: '5-boot1' },
    ]);
    expect(body.last_seq).to.equal('5-boot1');
    expect(ok(await feed.answer(q('since=0'), live)).results.map((r) => `${r.type}:${r.db_name}`)).to.deep.equal(['created:store-s1', 'updated:store-s1', 'updated:store-s2', 'deleted:catalog']);
  });

  it('holds a long-poll until a database is written, and answers with it', async function () {
    const feed = createDbUpdatesFeed('boot1');
    const waiting = feed.answer(q('feed=longpoll&since=now&timeout=60000'), live);
    feed.record('store-s9', 'updated');
    expect(ok(await waiting).results).to.deep.equal([{ db_name: 'store-s9', type: 'updated', seq: '1-boot1' }]);
  });

  it('answers a long-poll with nothing new after its timeout, at the same position, and at once when the caller goes', async function () {
    const feed = createDbUpdatesFeed('boot1');
    feed.record('store-s1', 'updated');
    expect(ok(await feed.answer(q('feed=longpoll&since=now&timeout=10'), live))).to.deep.equal({ results: [], last_seq: '1-boot1' });
    const gone = new AbortController();
    const waiting = feed.answer(q('feed=longpoll&since=now&timeout=60000'), gone.signal);
    gone.abort();
    expect(ok(await waiting).results).to.deep.equal([]);
  });

  it('refuses with 400 a since from before a restart, a malformed or future one, and feeds it does not offer', async function () {
    const feed = createDbUpdatesFeed('boot2');
    feed.record('store-s1', 'updated');
    for (const query of ['since=7-boot1', 'since=not-a-sequence', 'since=9-boot2', 'feed=continuous', 'feed=eventsource', 'timeout=-1', 'timeout=soon']) {
      const a = await feed.answer(q(query), live);
      expect(a.status, query).to.equal(400);
      expect(a.body, query).to.include({ error: 'bad_request' });
    }
    expect((await feed.answer(q('since=7-boot1'), live)).body).to.have.property('reason').that.contains('restarted');
  });

  it('reads its query: since=now is the current position, 0 the start, longpoll bounded to five minutes', function () {
    expect(readQuery(q(''), 'b', 4)).to.deep.equal({ since: 0, longpoll: false, timeoutMs: 60_000 });
    expect(readQuery(q('since=now&feed=longpoll&timeout=999999999'), 'b', 4)).to.deep.equal({ since: 4, longpoll: true, timeoutMs: 300_000 });
    expect(readQuery(q('since=3-b'), 'b', 4)).to.deep.include({ since: 3 });
  });
});
