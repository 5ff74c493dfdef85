// `GET /_db_updates` (https://docs.couchdb.org/en/stable/api/server/common.html#db-updates),
// what central's change feed relies on (central/feed/watch-db-updates.ts): Apache CouchDB serves
// it from its `_global_changes` database — 404 not_found when that database is missing, events
// about each database ({db_name, type created|updated|deleted, seq}) once it is there, `since=now`
// for the current position, a long-poll that answers empty after its timeout, 400 for a malformed
// `since`. express-pouchdb has no such feed; the embedded server's front door keeps one in memory
// (central/couch/db-updates-feed.ts) that answers the same way, except that its positions last
// one life of the server: a `since` from before a restart is refused with 400, which central
// takes as a feed to start again (reading every database), so nothing is missed.
// On a CouchDB without `_global_changes` (a node set up by hand, as test/couchdb-test2.sh does),
// this suite creates it to pin the events, and deletes it again when done.
import { expect } from 'chai';
import { conformanceServer, type ConformanceServer } from './server.js';

interface DbUpdates { results: Array<{ db_name: string; type: string; seq: unknown }>; last_seq: unknown }

describe('CouchDB conformance: _db_updates', function () {
  let server: ConformanceServer;
  let createdGlobalChanges = false;

  before(async function () { server = await conformanceServer(); });
  after(async function () {
    if (createdGlobalChanges) await server.asAdmin('DELETE', '/_global_changes');
    await server?.cleanup();
  });

  const updates = (query: string) => server.asAdmin<DbUpdates>('GET', `/_db_updates?${query}`);
  /** Events after `since` until `done` says enough (bounded: each long-poll 2 s, ten of them). */
  async function eventsAfter(since: unknown, done: (seen: DbUpdates['results']) => boolean): Promise<DbUpdates['results']> {
    const seen: DbUpdates['results'] = [];
    for (let i = 0; i < 10 && !done(seen); i++) {
      const res = await updates(`feed=longpoll&timeout=2000&since=${encodeURIComponent(String(since))}`);
      expect(res.status).to.equal(200);
      seen.push(...res.body.results);
      since = res.body.last_seq;
    }
    return seen;
  }

  it('is for server admins only: 401 to anyone else', async function () {
    const cashier = await server.createUser('db-updates-cashier', ['store:s1']);
    for (const as of [undefined, cashier]) {
      const res = await server.request('GET', '/_db_updates?since=now', as === undefined ? {} : { as });
      expect(res.status, as === undefined ? 'anonymous' : 'a store account').to.equal(401);
    }
  });

  it('refuses on the embedded server, with 400, a since from before the server restarted', async function () {
    if (server.restart === undefined) this.skip(); // an external server is not restarted by this suite (CouchDB keeps its positions)
    const before = (await updates('since=now')).body.last_seq;
    await server.restart();
    const res = await updates(`since=${encodeURIComponent(String(before))}`);
    expect(res.status).to.equal(400);
    expect(res.body).to.include({ error: 'bad_request' });
    expect((await updates('since=now')).status, 'a new start is answered').to.equal(200);
  });

  it('answers 404 not_found on a CouchDB without its _global_changes database', async function () {
    if (server.vendor !== 'couchdb') this.skip(); // a fact about Apache CouchDB only
    if ((await server.asAdmin('GET', '/_global_changes')).status === 200) this.skip(); // set up with it: nothing to see here
    const res = await updates('since=now');
    expect(res.status).to.equal(404);
    expect(res.body).to.include({ error: 'not_found' });
  });

  describe('on Apache CouchDB with _global_changes, and on the embedded server', function () {
    /** Databases the tests below made (and deleted) before the one that looks for nothing new. */
    const earlier: string[] = [];
    before(async function () {
      if (server.vendor === 'couchdb' && (await server.asAdmin('GET', '/_global_changes')).status === 404) {
        expect((await server.asAdmin('PUT', '/_global_changes')).status).to.be.oneOf([201, 202]);
        createdGlobalChanges = true;
      }
    });

    it('gives the current position with since=now, and no events before it (on a cluster: maybe late ones, see below)', async function () {
      const res = await updates('since=now');
      expect(res.status).to.equal(200);
      if (server.nodes === 1) expect(res.body.results).to.deep.equal([]);
      expect(res.body.last_seq).to.be.a('string');
    });

    it('reports a database created, written and deleted after that position, by name, each event with its seq', async function () {
      const since = (await updates('since=now')).body.last_seq;
      const db = await server.createDb('db-updates');
      earlier.push(db);
      for (let i = 0; i < 3; i++) expect((await server.asAdmin('PUT', `/${db}/doc-${i}`, { body: {} })).status).to.equal(201);
      const mine = (seen: DbUpdates['results']) => seen.filter((e) => e.db_name === db).map((e) => e.type);
      const written = await eventsAfter(since, (seen) => mine(seen).includes('created') && mine(seen).includes('updated'));
      expect(mine(written)).to.include.members(['created', 'updated']);
      for (const e of written) {
        expect(e.type).to.be.oneOf(['created', 'updated', 'deleted']);
        expect(e.seq).to.be.a('string');
      }
      const before = (await updates('since=now')).body.last_seq;
      expect((await server.asAdmin('DELETE', `/${db}`)).status).to.equal(200);
      expect(mine(await eventsAfter(before, (seen) => mine(seen).includes('deleted')))).to.include('deleted');
    });

    // On a cluster `since=now` is the position of whichever copy of `_global_changes` answered,
    // and each node writes its events there up to half a second late: events of the earlier
    // test's database came after `since=now` in every conformance run against a 3-node CouchDB
    // 3.4.3. Central reads every database when the feed (re)starts from now, so a late event only
    // makes it read one again.
    it('answers a long-poll with nothing new once its timeout has passed, at the same position (on a cluster: maybe late events of earlier databases)', async function () {
      const since = (await updates('since=now')).body.last_seq;
      const res = await updates(`feed=longpoll&timeout=300&since=${encodeURIComponent(String(since))}`);
      expect(res.status).to.equal(200);
      const ours = res.body.results.filter((e) => e.db_name.startsWith('conf-'));
      expect(server.nodes > 1 ? ours.filter((e) => !earlier.includes(e.db_name)) : ours).to.deep.equal([]);
    });

    it('refuses a malformed since with 400, which central takes as a feed to start again', async function () {
      expect((await updates('since=not-a-sequence')).status).to.equal(400);
    });
  });
});
