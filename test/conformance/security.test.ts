// A database's `_security` object (https://docs.couchdb.org/en/stable/api/database/security.html):
// members (by name or role) read and write documents, database admins also write design documents
// and `_security`; with no members at all a database is public (couch_db.erl is_public_db).
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

  // [who, read the database, write a document, write a design document]
  const table: Array<[Who, Outcome, Outcome, Outcome]> = [
    ['member by role', [200], [201], FORBIDDEN_DB],
    ['member by name', [200], [201], FORBIDDEN_DB],
    ['admin by role', [200], [201], [201]],
    ['admin by name', [200], [201], [201]],
    ['non-member', FORBIDDEN_DB, FORBIDDEN_DB, FORBIDDEN_DB],
    ['anonymous', UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED],
  ];
  const couchOnly = (o: Outcome) => o[0] === 403;
  const article = (who: Who) => (who === 'anonymous' ? 'an anonymous caller' : `${/^[aeiou]/.test(who) ? 'an' : 'a'} ${who}`);

  async function attempt(who: Who): Promise<[Outcome, Outcome, Outcome]> {
    const as = callers[who];
    const read = await server.request('GET', `/${db}`, { as });
    const doc = await server.request('PUT', `/${db}/doc-${++n}`, { as, body: { v: 1 } });
    const ddoc = await server.request('PUT', `/${db}/_design/d-${++n}`, { as, body: { views: {} } });
    return [outcome(read), outcome(doc), outcome(ddoc)];
  }

  for (const [who, read, write, writeDesign] of table) {
    const differs = [read, write, writeDesign].some(couchOnly);
    const title = `gives ${article(who)}: read ${read[0]}, document write ${write[0]}, design document write ${writeDesign[0]}`;
    if (!differs) {
      it(title, async function () {
        expect(await attempt(who)).to.deep.equal([read, write, writeDesign]);
      });
    } else {
      it(`${title} (embedded server: 401 unauthorized instead of 403 forbidden — pouchdb-security answers every refusal with throw401)`, async function () {
        const asEmbedded = (o: Outcome): Outcome => (couchOnly(o) ? UNAUTHORIZED : o);
        const expected = embedded() ? [read, write, writeDesign].map(asEmbedded) : [read, write, writeDesign];
        expect(await attempt(who)).to.deep.equal(expected);
      });
    }
  }

  it('lets a member read _security but not write it: CouchDB answers 500 no_majority (fabric_db_meta counts each shard\'s forbidden as a failed write), and nothing changes (embedded server: 401 unauthorized)', async function () {
    const member = callers['member by role'];
    const current = await server.request('GET', `/${db}/_security`, { as: member });
    expect(current.status).to.equal(200);
    const byMember = await server.request('PUT', `/${db}/_security`, { as: member, body: { ...current.body, members: { roles: ['conf-member', 'conf-other'] } } });
    expect(outcome(byMember)).to.deep.equal(embedded() ? UNAUTHORIZED : [500, 'error']);
    if (!embedded()) expect(byMember.body.reason).to.equal('no_majority');
    expect((await server.asAdmin('GET', `/${db}/_security`)).body).to.deep.equal(current.body);
  });

  it('lets a database admin write _security', async function () {
    const current = await server.asAdmin('GET', `/${db}/_security`);
    const byAdmin = await server.request('PUT', `/${db}/_security`, { as: callers['admin by name'], body: current.body });
    expect(byAdmin.status).to.equal(200);
  });

  it('makes a database with no members public, even when it names admins', async function () {
    for (const security of [{}, { admins: { names: ['someone'] } }, { members: { names: [] , roles: [] } }]) {
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
    const cases: Array<[what: string, path: () => string, anonymous: Outcome, user: Outcome]> = [
      ['lists _users', () => '/_users/_all_docs', UNAUTHORIZED, UNAUTHORIZED],
      ['follows _users', () => '/_users/_changes', UNAUTHORIZED, UNAUTHORIZED],
      ["reads another account's _users document", () => `/_users/org.couchdb.user:${callers['admin by name']!.username}`, UNAUTHORIZED, FORBIDDEN_DB],
      ['lists _replicator', () => '/_replicator/_all_docs', UNAUTHORIZED, UNAUTHORIZED],
      ['follows _replicator', () => '/_replicator/_changes', UNAUTHORIZED, UNAUTHORIZED],
    ];
    for (const [what, path, anonymous, user] of cases) {
      it(`refuses anyone but a server admin who ${what}: anonymous ${anonymous[0]}, a signed-in user ${user[0]} (embedded server: refused with express-pouchdb's own 400/500 "reading 'getSecurity'" error, or by a guard in front of it)`, async function () {
        const asAnonymous = await server.request('GET', path(), { as: null });
        const asUser = await server.request('GET', path(), { as: callers['member by role'] });
        if (embedded()) {
          for (const res of [asAnonymous, asUser]) {
            expect(res.status).to.be.oneOf([400, 401, 403, 404, 500]);
            expect(res.body).to.not.have.any.keys('rows', 'results', 'name', 'derived_key');
          }
        } else {
          expect((await server.asAdmin('GET', path())).status, 'a server admin').to.equal(200);
          expect([outcome(asAnonymous), outcome(asUser)]).to.deep.equal([anonymous, user]);
        }
      });
    }
  });
});
