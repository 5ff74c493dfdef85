// Bearer tokens for scripts on a real central: created once by an admin, stored hashed, scoped,
// listed without secrets, revoked, expired, and kept out of reach of chain admins.
import { expect } from 'chai';
import { createTokenStore } from '../../../central/http/auth/token-store.js';
import { basic, startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';
import { client } from './auth-client.js';

interface Created { id: string; token: string; name: string; scopes: string[]; expiresAt: string | null }

describe('central/http/auth: bearer tokens', function () {
  let h: DemoCentral;
  let admin: Record<string, string>;
  const url = () => h.central.url;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const api = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    fetch(`${url()}${path}`, { method, headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const create = async (body: unknown, headers = admin) => {
    const res = await api('POST', '/api/tokens', headers, body);
    return { res, body: (await res.json()) as Created & { code?: string } };
  };

  before(async function () {
    h = await startDemoCentral();
    const a = h.account('chain-admin');
    admin = basic(a.name, a.password);
  });

  after(async function () {
    await h?.stop();
  });

  it('creates a token shown once as pst_ and 32 random bytes in base64url', async function () {
    const { res, body } = await create({ name: 'nightly-report', scopes: ['read'], expiresInDays: 30 });
    expect(res.status).to.equal(201);
    expect(body.token).to.match(/^pst_[A-Za-z0-9_-]{43}$/);
    expect(body.id).to.be.a('string');
    expect(Date.parse(body.expiresAt!) - Date.now()).to.be.closeTo(30 * 86_400_000, 60_000);
  });

  it('lets a read token read admin routes and refuses it a change with 403, audited', async function () {
    const { body } = await create({ name: 'reader', scopes: ['read'] });
    const read = await api('GET', '/api/conflicts', bearer(body.token));
    expect(read.status).to.equal(200);
    const { policy } = (await (await api('GET', '/api/config/conflict-policy', bearer(body.token))).json()) as { policy: unknown };
    const put = await api('PUT', '/api/config/conflict-policy', bearer(body.token), { policy });
    expect(put.status).to.equal(403);
    expect(await put.json()).to.include({ code: 'FORBIDDEN' });
    const audit = await h.central.state.couch.nano.use('audit').list({ startkey: 'audit:', endkey: 'audit:\ufff0', include_docs: true });
    const denied = audit.rows.map((r) => r.doc as unknown as { action: string; actor: string; details?: Record<string, unknown> })
      .find((d) => d.action === 'auth.denied' && d.actor === 'token:reader');
    expect(denied?.details).to.include({ method: 'PUT', path: '/api/config/conflict-policy/' });
    expect(JSON.stringify(audit.rows)).not.to.include(body.token);
  });

  it('lets an admin token change settings without a CSRF token, even with cookies sent', async function () {
    const { body } = await create({ name: 'deployer', scopes: ['admin'] });
    const { policy } = (await (await api('GET', '/api/config/conflict-policy', bearer(body.token))).json()) as { policy: unknown };
    const put = await api('PUT', '/api/config/conflict-policy', { ...bearer(body.token), Cookie: 'unrelated=1' }, { policy });
    expect(put.status).to.equal(200);
  });

  it('lists tokens without the token or its hash', async function () {
    const { body } = await create({ name: 'lister', scopes: ['read'] });
    const res = await api('GET', '/api/tokens', admin);
    expect(res.status).to.equal(200);
    const text = await res.text();
    const { tokens } = JSON.parse(text) as { tokens: Array<Record<string, unknown>> };
    expect(tokens.map((t) => t.name)).to.include('lister');
    expect(Object.keys(tokens[0]!).sort()).to.deep.equal(['createdAt', 'createdBy', 'expiresAt', 'id', 'name', 'revokedAt', 'scopes']);
    expect(text).not.to.include(body.token);
    expect(text).not.to.match(/[0-9a-f]{64}/);
  });

  it('refuses a revoked token with 401', async function () {
    const { body } = await create({ name: 'short-lived', scopes: ['admin'] });
    expect((await api('GET', '/api/conflicts', bearer(body.token))).status).to.equal(200);
    const revoked = await api('DELETE', `/api/tokens/${body.id}`, admin);
    expect(revoked.status).to.equal(200);
    expect(((await revoked.json()) as { token: { revokedAt: string | null } }).token.revokedAt).to.be.a('string');
    const after = await api('GET', '/api/conflicts', bearer(body.token));
    expect(after.status).to.equal(401);
    expect(await after.json()).to.include({ code: 'UNAUTHORIZED' });
    expect((await api('DELETE', '/api/tokens/no-such-id', admin)).status).to.equal(404);
  });

  it('treats an expired token as unknown', async function () {
    const { body } = await create({ name: 'expiring', scopes: ['read'], expiresInDays: 1 });
    const later = createTokenStore(h.central.state.couch.nano, () => Date.now() + 2 * 86_400_000);
    expect(await later.verify(body.token)).to.equal(undefined);
    expect(await createTokenStore(h.central.state.couch.nano).verify(body.token)).to.include({ name: 'expiring' });
  });

  it('refuses unknown and malformed bearer tokens with 401', async function () {
    expect((await api('GET', '/api/conflicts', bearer('pst_' + 'A'.repeat(43)))).status).to.equal(401);
    expect((await api('GET', '/api/conflicts', bearer('not-a-token'))).status).to.equal(401);
  });

  it('lets neither a token nor a cashier create tokens', async function () {
    const { body } = await create({ name: 'root', scopes: ['admin'] });
    expect((await create({ name: 'child', scopes: ['admin'] }, bearer(body.token))).res.status).to.equal(403);
    const cashier = h.account('cashier-s1');
    expect((await create({ name: 'mine', scopes: ['read'] }, basic(cashier.name, cashier.password))).res.status).to.equal(403);
  });

  it('lets an admin console session manage tokens (with its CSRF token)', async function () {
    const a = h.account('chain-admin');
    const c = client(url());
    const { csrfToken } = (await (await c.call('POST', '/api/session', { body: { name: a.name, password: a.password } })).json()) as { csrfToken: string };
    expect((await c.call('POST', '/api/tokens', { body: { name: 'from-console', scopes: ['read'] } })).status).to.equal(403);
    expect((await c.call('POST', '/api/tokens', { body: { name: 'from-console', scopes: ['read'] }, csrf: csrfToken })).status).to.equal(201);
  });

  it('refuses invalid token requests with 400 naming the field', async function () {
    for (const [body, field] of [[{ scopes: ['read'] }, 'name'], [{ name: 'x', scopes: ['write'] }, 'scopes'], [{ name: 'x', scopes: ['read'], expiresInDays: 0 }, 'expiresInDays']] as const) {
      const r = await create(body);
      expect(r.res.status).to.equal(400);
      expect(r.body).to.have.nested.property('details.field', field);
    }
  });

  it('keeps central\'s own databases closed to chain admins, on CouchDB itself and through /db', async function () {
    for (const db of ['pronto-tokens', 'pronto-sessions', 'pronto-checkpoints']) {
      const direct = await fetch(`${h.central.state.couch.url}/${db}/_all_docs`, { headers: admin });
      expect(direct.status, db).to.be.oneOf([401, 403]);
      const proxied = await fetch(`${url()}/db/${db}/_all_docs`, { headers: admin });
      expect(proxied.status, `${db} through /db`).to.equal(404);
    }
  });
});
