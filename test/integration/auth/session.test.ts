// Console login on a real central: cookie flags, wrong passwords, the rate limit, CSRF on
// cookie-authenticated changes, logout, roles, the audit trail, and sessions across a restart.
import { expect } from 'chai';
import { loadConfig } from '../../../central/config.js';
import { createLogger } from '../../../central/logger.js';
import { startCentral } from '../../../central/server.js';
import { startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';
import { CookieJar, client } from './auth-client.js';
import { testCentralEnv } from '../../helpers/external-couch.js';
import { waitFor } from '../../helpers/wait-for.js';

interface SessionBody { name: string; roles: string[]; csrfToken: string }

describe('central/http/auth: console sessions', function () {
  let h: DemoCentral;
  const url = () => h.central.url;
  const auditDocs = async () => {
    const r = await h.central.state.couch.nano.use('audit').list({ startkey: 'audit:', endkey: 'audit:\ufff0', include_docs: true });
    return r.rows.map((row) => row.doc as unknown as { action: string; actor: string; target?: string; details?: Record<string, unknown> });
  };
  const login = async (name: string, password = h.account(name).password) => {
    const c = client(url());
    const res = await c.call('POST', '/api/session', { body: { name, password } });
    return { c, res, body: (await res.json()) as SessionBody };
  };

  before(async function () {
    h = await startDemoCentral({ LOGIN_RATE_LIMIT: '3' });
  });

  after(async function () {
    await h?.stop();
  });

  it('logs in with name and password and sets an HttpOnly, SameSite=Strict session cookie', async function () {
    const { c, res, body } = await login('chain-admin');
    expect(res.status).to.equal(200);
    expect(body.name).to.equal('chain-admin');
    expect(body.roles).to.include('admin');
    expect(body.csrfToken).to.be.a('string').with.length.greaterThan(20);
    const sid = c.jar.lastSetCookie.find((line) => line.startsWith('pronto.sid='))!;
    expect(sid).to.match(/; HttpOnly/i).and.match(/; SameSite=Strict/i).and.match(/; Path=\/api/i);
    expect(sid, 'no Secure flag on loopback by default').not.to.match(/; Secure/i);
    const again = await c.call('GET', '/api/session');
    expect(again.status).to.equal(200);
    expect(await again.json()).to.include({ name: 'chain-admin' }).and.have.property('csrfToken');
  });

  it('refuses a wrong password and an unknown name with the same 401', async function () {
    const wrong = await login('chain-admin', 'not-the-password');
    const unknown = await login('nobody-here', 'whatever');
    expect(wrong.res.status).to.equal(401);
    expect(unknown.res.status).to.equal(401);
    expect(wrong.body).to.deep.equal(unknown.body);
    expect(wrong.c.jar.cookies.has('pronto.sid')).to.equal(false);
  });

  it('refuses a name or password holding half of a surrogate pair with a 400 naming it (CouchDB answers its own check 400)', async function () {
    const name = await login('chain\ud800admin', 'whatever');
    expect(name.res.status).to.equal(400);
    expect(name.body).to.include({ code: 'BAD_REQUEST' });
    expect((name.body as unknown as { message: string }).message).to.match(/^name /);
    const password = await login('chain-admin', 'x\udc00y');
    expect(password.res.status).to.equal(400);
    expect((password.body as unknown as { message: string }).message).to.match(/^password /);
  });

  it('answers 429 RATE_LIMITED past the login rate limit, even to the right password', async function () {
    for (let i = 0; i < 3; i++) expect((await login('manager-s2', `guess-${i}`)).res.status).to.equal(401);
    const limited = await login('manager-s2', 'guess-4');
    expect(limited.res.status).to.equal(429);
    expect(limited.body).to.include({ code: 'RATE_LIMITED' });
    expect((await login('manager-s2')).res.status).to.equal(429);
    expect((await login('manager-s3')).res.status, 'another account is not locked').to.equal(200);
  });

  it('refuses a cookie-authenticated change without the CSRF token (403 CSRF_INVALID) and accepts it with the token', async function () {
    const { c, body } = await login('chain-admin');
    const current = (await (await c.call('GET', '/api/config/conflict-policy')).json()) as { policy: unknown };
    const without = await c.call('PUT', '/api/config/conflict-policy', { body: { policy: current.policy } });
    expect(without.status).to.equal(403);
    expect(await without.json()).to.include({ code: 'CSRF_INVALID' });
    const wrong = await c.call('PUT', '/api/config/conflict-policy', { body: { policy: current.policy }, csrf: body.csrfToken.replace(/^./, (ch) => (ch === 'a' ? 'b' : 'a')) });
    expect(wrong.status).to.equal(403);
    const withToken = await c.call('PUT', '/api/config/conflict-policy', { body: { policy: current.policy }, csrf: body.csrfToken });
    expect(withToken.status).to.equal(200);
    expect((await auditDocs()).some((d) => d.action === 'auth.denied' && d.actor === 'chain-admin' && d.details?.reason === 'missing or invalid CSRF token')).to.equal(true);
  });

  it("does not accept one session's CSRF token with another session's cookie", async function () {
    const a = await login('chain-admin');
    const b = await login('chain-admin');
    // b's session cookie with a's matching CSRF cookie and header: the token is bound to a's session.
    b.c.jar.cookies.set('pronto.csrf', a.c.jar.cookies.get('pronto.csrf')!);
    const current = (await (await b.c.call('GET', '/api/config/conflict-policy')).json()) as { policy: unknown };
    const res = await b.c.call('PUT', '/api/config/conflict-policy', { body: { policy: current.policy }, csrf: a.body.csrfToken });
    expect(res.status).to.equal(403);
    expect(await res.json()).to.include({ code: 'CSRF_INVALID' });
  });

  it('logs out: the session cookie no longer opens anything', async function () {
    const { c, body } = await login('chain-admin');
    const stolen = c.jar.copy();
    expect((await c.call('DELETE', '/api/session', { csrf: body.csrfToken })).status).to.equal(204);
    expect(c.jar.cookies.has('pronto.sid')).to.equal(false);
    expect((await c.call('GET', '/api/session')).status).to.equal(401);
    const replay = client(url(), stolen);
    expect((await replay.call('GET', '/api/session')).status).to.equal(401);
    expect((await replay.call('GET', '/api/conflicts')).status).to.equal(401);
    expect((await auditDocs()).some((d) => d.action === 'auth.logout' && d.actor === 'chain-admin')).to.equal(true);
  });

  it('refuses a cashier session on an admin route with 403 and audits auth.denied with method and path', async function () {
    const { c, res } = await login('cashier-s1');
    expect(res.status).to.equal(200);
    const refused = await c.call('GET', '/api/conflicts?status=pending');
    expect(refused.status).to.equal(403);
    expect(await refused.json()).to.include({ code: 'FORBIDDEN' });
    const entry = (await auditDocs()).find((d) => d.action === 'auth.denied' && d.actor === 'cashier-s1');
    expect(entry?.details).to.include({ method: 'GET', path: '/api/conflicts/' });
  });

  it('keeps auth.login and auth.login-failed in the audit trail, and never the password', async function () {
    const secret = 'Sup3r-secret-guess-' + Date.now();
    expect((await login('cashier-s3', secret)).res.status).to.equal(401);
    // A failed login authenticated nobody: the name typed is kept as a claim, not as the actor.
    const failed = (d: { action: string; actor: string; details?: Record<string, unknown> }) => d.action === 'auth.login-failed' && d.actor === '(anonymous)' && d.details?.claimed === 'cashier-s3';
    // _all_docs on a CouchDB cluster reads one shard copy per range, not a quorum: a write acknowledged
    // by two copies may reach the third a moment later (https://docs.couchdb.org/en/stable/cluster/theory.html).
    let docs = await auditDocs();
    await waitFor(async () => (docs = await auditDocs()).some(failed), { timeoutMs: 10_000, intervalMs: 100, what: 'auth.login-failed in the audit trail' });
    expect(docs.some((d) => d.action === 'auth.login' && d.actor === 'chain-admin')).to.equal(true);
    const all = JSON.stringify(docs);
    expect(all).not.to.include(secret);
    for (const account of ['chain-admin', 'cashier-s1', 'manager-s3']) expect(all).not.to.include(h.account(account).password);
  });

  it('still accepts CouchDB Basic credentials on admin routes, without a CSRF token', async function () {
    const admin = h.account('chain-admin');
    const c = client(url(), new CookieJar());
    const current = (await (await c.call('GET', '/api/config/conflict-policy', { headers: basicHeader(admin.name, admin.password) })).json()) as { policy: unknown };
    const res = await c.call('PUT', '/api/config/conflict-policy', { body: { policy: current.policy }, headers: basicHeader(admin.name, admin.password) });
    expect(res.status).to.equal(200);
  });

  it('keeps a session across a central restart (sessions live in CouchDB)', async function () {
    const { c } = await login('chain-admin');
    await h.central.stop();
    h.central = await startCentral(loadConfig({ DATA_DIR: h.dataDir, PORT: '0', COUCH_PORT: '0', LOG_LEVEL: 'silent', ...(await testCentralEnv({ fresh: false })) }), createLogger('silent'));
    const res = await fetch(`${h.central.url}/api/session`, { headers: c.jar.header() });
    expect(res.status).to.equal(200);
    expect(await res.json()).to.include({ name: 'chain-admin' });
  });
});

function basicHeader(name: string, password: string): Record<string, string> {
  return { Authorization: 'Basic ' + Buffer.from(`${name}:${password}`).toString('base64') };
}
