// Accounts in `_users` (https://docs.couchdb.org/en/stable/intro/security.html#authentication-database).
// CouchDB 3.5: `_users` gets `[couchdb] default_security = admin_only`, so only server admins
// create or edit accounts; `_design/_auth` (couch_js_functions.hrl) refuses role changes by
// non-admins ("Only _admin may edit roles") and system roles for everyone ("No system roles…",
// `_metrics` excepted); couch_users_db.erl hashes a `password` into PBKDF2 with `[chttpd_auth]
// iterations` (default 600000) and `pbkdf2_prf` (default sha256) before it is stored.
import { expect } from 'chai';
import { conformanceServer, type ConformanceServer, type Credentials } from './server.js';

const userId = (name: string) => `org.couchdb.user:${name}`;
const userPath = (name: string) => `/_users/${encodeURIComponent(userId(name))}`;

describe('CouchDB conformance: _users', function () {
  let server: ConformanceServer;
  before(async function () { server = await conformanceServer(); });
  after(async function () { await server?.cleanup(); });

  const rolesOf = async (who: Credentials): Promise<string[]> =>
    (await server.request<{ userCtx: { roles: string[] } }>('GET', '/_session', { as: who })).body.userCtx.roles;

  it('refuses an anonymous caller who creates an account, with or without roles: 401', async function () {
    for (const roles of [[], ['admin']]) {
      const name = server.userName('anonymous-signup');
      const res = await server.request('PUT', userPath(name), { as: null, body: { _id: userId(name), name, type: 'user', roles, password: 'pw-anonymous' } });
      expect([res.status, res.body], JSON.stringify(roles)).to.deep.equal([401, { error: 'unauthorized', reason: 'You are not authorized to access this db.' }]);
    }
  });

  describe('a user editing its own _users document', function () {
    // On CouchDB 3.5's default `_users` security the user may not write the document at all
    // ("You are not allowed to access this db."); where members may, `_design/_auth` refuses
    // ("Only _admin may edit roles"). Either way: 403, and the roles do not change.
    const attempts: Array<[string, (roles: string[]) => string[]]> = [
      ['adds the role "admin"', (roles) => [...roles, 'admin']],
      ['adds the role of another store', (roles) => [...roles, 'store:s2']],
      ['swaps its role for another', () => ['store:s2']],
      ['drops its roles', () => []],
    ];
    for (const [what, change] of attempts) {
      it(`is refused when it ${what}: 403 forbidden, and its roles stay as they were`, async function () {
        const user = await server.createUser('self-edit', ['store:s1']);
        const doc = (await server.asAdmin('GET', userPath(user.username))).body;
        const res = await server.request('PUT', userPath(user.username), {
          as: user,
          body: { _id: doc._id, _rev: doc._rev, name: user.username, type: 'user', roles: change(doc.roles), password: user.password },
        });
        expect(res.status).to.equal(403);
        expect(res.body.error).to.equal('forbidden');
        expect(res.body.reason).to.be.oneOf(['You are not allowed to access this db.', 'Only _admin may edit roles']);
        expect(await rolesOf(user)).to.deep.equal(['store:s1']);
      });
    }
  });

  it('refuses system roles (starting with _) even from a server admin: 403 "No system roles (starting with underscore) in users db."', async function () {
    for (const role of ['_admin', '_reader', '_replicator']) {
      const name = server.userName('system-role');
      const res = await server.asAdmin('PUT', userPath(name), { body: { _id: userId(name), name, type: 'user', roles: [role], password: 'pw' } });
      expect([res.status, res.body], role).to.deep.equal([403, { error: 'forbidden', reason: 'No system roles (starting with underscore) in users db.' }]);
    }
  });

  describe('duplicate "roles" keys in the JSON body (CVE-2017-12635)', function () {
    // CouchDB reads the last of duplicate keys, in the validation function and in the stored
    // document alike, so what _design/_auth checked is what the account gets.
    const cases: Array<[string, string, number, string[] | null]> = [
      ['"roles":["_admin"] then "roles":[]: stored with no roles, and no _admin', '"roles":["_admin"],"roles":[]', 201, []],
      ['"roles":[] then "roles":["_admin"]: refused', '"roles":[],"roles":["_admin"]', 403, null],
    ];
    for (const [behaviour, roles, status, stored] of cases) {
      it(`reads the last one: ${behaviour}`, async function () {
        const name = server.userName('cve-2017-12635');
        const raw = `{"_id":"${userId(name)}","name":"${name}","type":"user",${roles},"password":"pw-dup"}`;
        const res = await server.asAdmin('PUT', userPath(name), { body: raw, headers: { 'Content-Type': 'application/json' } });
        expect(res.status).to.equal(status);
        if (stored === null) return void expect(res.body.error).to.equal('forbidden');
        expect((await server.asAdmin('GET', userPath(name))).body.roles).to.deep.equal(stored);
        expect(await rolesOf({ username: name, password: 'pw-dup' })).to.deep.equal(stored);
      });
    }
  });

  describe('stored passwords', function () {
    let stored: Record<string, unknown>;
    before(async function () {
      const user = await server.createUser('hashed');
      stored = (await server.asAdmin('GET', userPath(user.username))).body;
    });

    it('stores a salted PBKDF2 key, never the password', function () {
      expect(stored).to.not.have.any.keys('password', 'password_sha');
      expect(stored).to.include({ password_scheme: 'pbkdf2' });
      expect(stored.salt).to.be.a('string').with.length.of.at.least(32);
      expect(stored.derived_key).to.match(/^[0-9a-f]{40,}$/);
    });

    it("hashes with CouchDB 3.5's default of 600,000 iterations", function () {
      expect(stored.iterations).to.be.a('number').that.is.at.least(600_000);
    });

    it('hashes with PBKDF2-SHA256: pbkdf2_prf "sha256", a 64-hex-digit key', function () {
      expect(stored).to.include({ pbkdf2_prf: 'sha256' });
      expect(stored.derived_key).to.match(/^[0-9a-f]{64}$/);
    });
  });
});
