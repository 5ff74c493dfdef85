// Cookie authentication (https://docs.couchdb.org/en/stable/api/server/authn.html#cookie-authentication):
// POST /_session with a JSON or form body answers `{ok, name, roles}` and an HttpOnly `AuthSession`
// cookie; GET /_session names the caller of a cookie or of Basic credentials. The POS logs in this
// way and replicates with the cookie, so a cookie must outlive a restart of the server: CouchDB
// signs it with `[chttpd_auth] secret`, kept in its configuration.
import { expect } from 'chai';
import { conformanceServer, type ConformanceServer, type Credentials } from './server.js';
import type { CouchResponse } from './http.js';

interface UserCtx { userCtx: { name: string | null; roles: string[] }; info: { authenticated?: string } }

const BAD_LOGIN = { error: 'unauthorized', reason: 'Name or password is incorrect.' };

describe('CouchDB conformance: _session', function () {
  let server: ConformanceServer;
  let user: Credentials;
  before(async function () {
    server = await conformanceServer();
    user = await server.createUser('session', ['store', 'store:s1']);
  });
  after(async function () { await server?.cleanup(); });

  const authSession = (res: CouchResponse) => res.headers.getSetCookie().find((c) => c.startsWith('AuthSession='));
  const cookieOf = (res: CouchResponse) => ({ cookie: authSession(res)!.split(';')[0]! });
  const logins: Array<[string, (who: Credentials) => Promise<CouchResponse>]> = [
    ['a JSON body', (who) => server.request('POST', '/_session', { body: { name: who.username, password: who.password } })],
    ['a form-encoded body', (who) => server.request('POST', '/_session', {
      body: new URLSearchParams({ name: who.username, password: who.password }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })],
  ];

  for (const [how, login] of logins) {
    it(`logs in with ${how}: 200 {ok, name, roles} and an HttpOnly AuthSession cookie`, async function () {
      const res = await login(user);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ ok: true, name: user.username, roles: ['store', 'store:s1'] });
      const cookie = authSession(res);
      expect(cookie, 'Set-Cookie: AuthSession=…').to.match(/^AuthSession=[^;]+;/);
      expect(cookie).to.match(/;\s*HttpOnly/i);
      expect(cookie).to.match(/;\s*Path=\//i);
    });

    it(`refuses a wrong password sent with ${how}: 401 "Name or password is incorrect."`, async function () {
      // A fresh unknown name each time: CouchDB 3.5 locks a name out after five failures (below).
      for (const who of [{ ...user, password: 'wrong' }, { username: server.userName('nobody'), password: 'pw' }]) {
        const res = await login(who);
        expect([res.status, res.body], who.username).to.deep.equal([401, BAD_LOGIN]);
      }
    });
  }

  it('names the caller of a cookie and of Basic credentials in GET /_session, and nobody for an anonymous one', async function () {
    const cookie = cookieOf(await logins[0]![1](user));
    const cases: Array<[string, Parameters<ConformanceServer['request']>[2], UserCtx['userCtx'], string | undefined]> = [
      ['cookie', { as: cookie }, { name: user.username, roles: ['store', 'store:s1'] }, 'cookie'],
      ['Basic', { as: user }, { name: user.username, roles: ['store', 'store:s1'] }, 'default'],
      ['anonymous', { as: null }, { name: null, roles: [] }, undefined],
    ];
    for (const [how, options, userCtx, authenticated] of cases) {
      const res = await server.request<UserCtx>('GET', '/_session', options);
      expect(res.status, how).to.equal(200);
      expect(res.body.userCtx, how).to.deep.equal(userCtx);
      expect(res.body.info.authenticated, how).to.equal(authenticated);
    }
  });

  it('refuses wrong Basic credentials on GET /_session with 401, rather than treating the caller as anonymous', async function () {
    const res = await server.request('GET', '/_session', { as: { ...user, password: 'wrong' } });
    expect([res.status, res.body]).to.deep.equal([401, BAD_LOGIN]);
  });

  it('locks a name out after 5 wrong passwords from one address: then even the right password gets 403 "Account is temporarily locked…" ([chttpd_auth_lockout] threshold 5, for 5 minutes) (embedded server: no lockout, every attempt is checked — central must limit guessing itself)', async function () {
    const target = await server.createUser('lockout');
    const attempt = (password: string) => server.request('POST', '/_session', { body: { name: target.username, password } });
    for (let i = 1; i <= 5; i++) expect((await attempt(`wrong-${i}`)).status, `wrong password ${i}`).to.equal(401);
    const right = await attempt(target.password);
    if (server.vendor === 'embedded') {
      expect(right.status).to.equal(200);
    } else {
      expect([right.status, right.body]).to.deep.equal([403, { error: 'forbidden', reason: 'Account is temporarily locked due to multiple authentication failures' }]);
      const basic = await server.request('GET', '/_session', { as: target });
      expect(basic.status, 'Basic credentials of the locked name').to.equal(403);
    }
  });

  it('keeps a cookie working across a restart of the server (on the embedded server only: an external server cannot be restarted from a test)', async function () {
    if (server.restart === undefined) return this.skip();
    const cookie = cookieOf(await logins[0]![1](user));
    await server.restart();
    const res = await server.request<UserCtx>('GET', '/_session', { as: cookie });
    expect(res.body.userCtx).to.deep.equal({ name: user.username, roles: ['store', 'store:s1'] });
  });
});
