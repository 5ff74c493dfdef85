// A database's `_security` object (https://docs.couchdb.org/en/stable/api/database/security.html):
// members (by name or role) read and write documents and read `_security`, database admins also
// write design documents and `_security`; with no members at all a database is public
// (couch_db.erl is_public_db).
// CouchDB 3 gives a new database `[couchdb] default_security = admin_only`, i.e. members and admins
// `_admin`; `_users` and `_replicator` get it too and list their documents to server admins only.
import { expect } from 'chai';
import { conformanceServer, type ConformanceServer, type Credentials } from './server.js';

type Who = 'member by role' | 'member by name' | 'admin by role' | 'admin by name' | 'non-member' | 'anonymous';
type Outcome = [status: number, error?: string];

const FORBIDDEN_DB: Outcome = [403, 'forbidden'];
const UNAUTHORIZED: Outcome = [401, 'unauthorized'];

describe('CouchDB conformance: _security', function () {
  let server: ConformanceServer;
  let callers: Record<Who, Credentials | null>;
  let db: string;

  before(async function () {
    server = await conformanceServer();
    callers = {
      'member by role': await server.createUser('sec-role-member', ['conf-member']),
      'member by name': await server.createUser('sec-name-member'),
      'admin by role': await server.createUser('sec-role-admin', ['conf-admin']),
      'admin by name': await server.createUser('sec-name-admin'),
      'non-member': await server.createUser('sec-stranger', ['conf-other']),
      anonymous: null,
    };
    db = await server.createDb('security', {
      members: { roles: ['conf-member'], names: [callers['member by name']!.username] },
      admins: { roles: ['conf-admin'], names: [callers['admin by name']!.username] },
    });
  });
  after(async function () { await server?.cleanup(); });

  const embedded = () => server.vendor === 'embedded';
  const outcome = (res: { status: number; body: any }): Outcome => (res.status < 300 ? [res.status] : [res.status, res.body.error]);
  let n = 0;

  // Where the embedded server answers otherwise, the row says what and why.
  const DB_ADMIN_ONLY_AT_DOOR = 'its door (central/couch/couch-route.ts) keeps design documents to server admins';
  const THROW_401 = 'pouchdb-security answers every refusal of a member route with 401 unauthorized (throw401)';
  interface Row { who: Who; couch: [Outcome, Outcome, Outcome]; embedded?: [[Outcome, Outcome, Outcome], string] }
  // [read the database, write a document, write a design document]
  const table: Row[] = [
    { who: 'member by role', couch: [[200], [201], FORBIDDEN_DB] },
    { who: 'member by name', couch: [[200], [201], FORBIDDEN_DB] },
    { who: 'admin by role', couch: [[200], [201], [201]], embedded: [[[200], [201], FORBIDDEN_DB], DB_ADMIN_ONLY_AT_DOOR] },
    { who: 'admin by name', couch: [[200], [201], [201]], embedded: [[[200], [201], FORBIDDEN_DB], DB_ADMIN_ONLY_AT_DOOR] },
    { who: 'non-member', couch: [FORBIDDEN_DB, FORBIDDEN_DB, FORBIDDEN_DB], embedded: [[UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN_DB], THROW_401] },
    { who: 'anonymous', couch: [UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED] },
  ];
  const article = (who: Who) => (who === 'anonymous' ? 'an anonymous caller' : `${/^[aeiou]/.test(who) ? 'an' : 'a'} ${who}`);

  async function attempt(who: Who): Promise<[Outcome, Outcome, Outcome]> {
    const as = callers[who];
    const read = await server.request('GET', `/${db}`, { as });
    const doc = await server.request('PUT', `/${db}/doc-${++n}`, { as, body: { v: 1 } });
    const ddoc = await server.request('PUT', `/${db}/_design/d-${++n}`, { as, body: { views: {} } });
    return [outcome(read), outcome(doc), outcome(ddoc)];
  }

  for (const { who, couch, embedded: differs } of table) {
    const title = `gives ${article(who)}: read ${couch[0][0]}, document write ${couch[1][0]}, design document write ${couch[2][0]}`;
    it(differs === undefined ? title : `${title} (embedded server: ${differs[0].map((o) => o[0]).join(', ')} — ${differs[1]})`, async function () {
      expect(await attempt(who)).to.deep.equal(embedded() && differs !== undefined ? differs[0] : couch);
    });
  }

  // [who, GET _security, PUT _security] on CouchDB, and on the embedded server (its door keeps
  // `_security` to server admins). CouchDB refuses a member's PUT on every shard, and fabric_db_meta
  // counts those as failed writes: 500 no_majority.
  const securityTable: Array<[Who, Outcome, Outcome, Outcome, Outcome]> = [
    ['member by role', [200], [500, 'error'], FORBIDDEN_DB, FORBIDDEN_DB],
    ['admin by name', [200], [200], FORBIDDEN_DB, FORBIDDEN_DB],
    ['non-member', FORBIDDEN_DB, FORBIDDEN_DB, FORBIDDEN_DB, FORBIDDEN_DB],
  ];
  for (const [who, read, write, embeddedRead, embeddedWrite] of securityTable) {
    const same = JSON.stringify([read, write]) === JSON.stringify([embeddedRead, embeddedWrite]);
    const note = same ? '' : ` (embedded server: ${embeddedRead[0]}, ${embeddedWrite[0]} — its door keeps _security to server admins)`;
    it(`gives ${article(who)} _security: read ${read[0]}, write ${write[0]}${write[0] === 500 ? ' no_majority' : ''}${note}`, async function () {
      const current = await server.asAdmin('GET', `/${db}/_security`);
      const got = await server.request('GET', `/${db}/_security`, { as: callers[who] });
      const put = await server.request('PUT', `/${db}/_security`, { as: callers[who], body: current.body });
      expect([outcome(got), outcome(put)]).to.deep.equal(embedded() ? [embeddedRead, embeddedWrite] : [read, write]);
      if (!embedded() && write[0] === 500) expect(put.body.reason).to.equal('no_majority');
      expect((await server.asAdmin('GET', `/${db}/_security`)).body).to.deep.equal(current.body);
    });
  }

  it('makes a database with no members public, even when it names admins', async function () {
    for (const security of [{}, { admins: { names: ['someone'] } }, { members: { names: [], roles: [] } }]) {
      const open = await server.createDb('public', security);
      const read = await server.request('GET', `/${open}`, { as: null });
      const write = await server.request('PUT', `/${open}/doc`, { as: null, body: { v: 1 } });
      expect([read.status, write.status], JSON.stringify(security)).to.deep.equal([200, 201]);
    }
  });

  it('gives a new database the admin_only default _security, so only server admins use it (embedded server: an empty _security, so it is public — express-pouchdb has no [couchdb] default_security; central sets _security on every database it makes)', async function () {
    const fresh = await server.createDb('default-security');
    const security = await server.asAdmin('GET', `/${fresh}/_security`);
    const anonymous = await server.request('GET', `/${fresh}`, { as: null });
    if (embedded()) {
      expect([security.body, anonymous.status]).to.deep.equal([{}, 200]);
    } else {
      expect(security.body).to.deep.equal({ members: { roles: ['_admin'] }, admins: { roles: ['_admin'] } });
      expect(outcome(anonymous)).to.deep.equal(UNAUTHORIZED);
      const user = await server.request('GET', `/${fresh}`, { as: callers['admin by name'] });
      expect(outcome(user)).to.deep.equal(FORBIDDEN_DB);
    }
  });

  describe('_users and _replicator', function () {
    // CouchDB: listing or following a system database is for server admins (401 "You are not a
    // server admin." even to a signed-in user); its documents are for its members, `_admin` by default.
    // The embedded server's door keeps `_users` to server admins (401 anonymous, 403 signed in)
    // and routes no `_replicator` at all (404, to admins too: nothing of ours uses it).
    const NOT_ROUTED: Outcome = [404, 'not_found'];
    const cases: Array<[what: string, path: () => string, couch: [Outcome, Outcome], embedded: [Outcome, Outcome]]> = [
      ['lists _users', () => '/_users/_all_docs', [UNAUTHORIZED, UNAUTHORIZED], [UNAUTHORIZED, FORBIDDEN_DB]],
      ['follows _users', () => '/_users/_changes', [UNAUTHORIZED, UNAUTHORIZED], [UNAUTHORIZED, FORBIDDEN_DB]],
      ["reads another account's _users document", () => `/_users/org.couchdb.user:${callers['admin by name']!.username}`, [UNAUTHORIZED, FORBIDDEN_DB], [UNAUTHORIZED, FORBIDDEN_DB]],
      ['lists _replicator', () => '/_replicator/_all_docs', [UNAUTHORIZED, UNAUTHORIZED], [NOT_ROUTED, NOT_ROUTED]],
      ['follows _replicator', () => '/_replicator/_changes', [UNAUTHORIZED, UNAUTHORIZED], [NOT_ROUTED, NOT_ROUTED]],
    ];
    for (const [what, path, couch, inEmbedded] of cases) {
      const same = JSON.stringify(couch) === JSON.stringify(inEmbedded);
      const note = same ? '' : ` (embedded server: ${inEmbedded.map((o) => o[0]).join(' and ')}${inEmbedded[0][0] === 404 ? ', even to a server admin' : ''})`;
      it(`refuses anyone but a server admin who ${what}: anonymous ${couch[0][0]}, a signed-in user ${couch[1][0]}${note}`, async function () {
        const asAnonymous = await server.request('GET', path(), { as: null });
        const asUser = await server.request('GET', path(), { as: callers['member by role'] });
        expect([outcome(asAnonymous), outcome(asUser)]).to.deep.equal(embedded() ? inEmbedded : couch);
        const asAdmin = await server.asAdmin('GET', path());
        expect(outcome(asAdmin), 'a server admin').to.deep.equal(embedded() && inEmbedded[0][0] === 404 ? NOT_ROUTED : [200]);
      });
    }
  });
});
