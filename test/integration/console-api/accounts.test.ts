// Store accounts through /api/accounts on a real central (embedded server, demo chain): admins
// only; names, passwords and kinds checked (400 naming the field), a taken name 409; one store's
// accounts by name, paged; a new password replaces the old one; a disabled account can no longer
// log in, replicate through /db or keep a console session, and comes back only with a new
// password; central's own account and chain admins cannot be touched; every change audited
// without its password.
import { expect } from 'chai';
import { basic, startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';
import { waitFor } from '../../helpers/wait-for.js';

interface Account { name: string; store: string; kind: string; disabled: boolean }
type Answer = { status: number; body: Record<string, any> };

describe('central/http/accounts-routes: store accounts for admins', function () {
  let h: DemoCentral;
  const call = async (who: string | null, method: string, path: string, body?: unknown, password?: string): Promise<Answer> => {
    const auth = who === null ? {} : basic(who, password ?? h.account(who).password);
    const res = await fetch(`${h.central.url}/api${path}`, { method, headers: { 'Content-Type': 'application/json', ...auth }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, body: await res.json() as Record<string, any> };
  };
  const admin = (method: string, path: string, body?: unknown) => call('chain-admin', method, path, body);
  const couchLogin = (name: string, password: string) =>
    fetch(`${h.central.url}/db/_session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, password }) });
  const auditOf = async (action: string) => {
    const audit = await h.central.state.couch.nano.use('audit').list({ startkey: 'audit:', endkey: 'audit:\ufff0', include_docs: true });
    return audit.rows.map((r) => r.doc as unknown as { action: string; actor: string; target?: string; details?: Record<string, unknown> }).filter((d) => d.action === action);
  };

  before(async function () {
    h = await startDemoCentral();
  });
  after(async function () {
    await h?.stop();
  });

  it('answers anonymous callers 401 and cashiers and managers 403, on every route', async function () {
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/accounts?store=s1'], ['POST', '/accounts', { name: 'x-new', password: 'Secreto-123', store: 's1', kind: 'cashier' }],
      ['POST', '/accounts/cashier-s1/password', { password: 'Secreto-123' }], ['POST', '/accounts/cashier-s1/disable'], ['POST', '/accounts/cashier-s1/enable', { password: 'Secreto-123' }],
    ];
    for (const [method, path, body] of routes) {
      expect((await call(null, method, path, body)).status, `anonymous ${method} ${path}`).to.equal(401);
      for (const who of ['cashier-s1', 'manager-s1']) {
        const res = await call(who, method, path, body);
        expect(res.status, `${who} ${method} ${path}`).to.equal(403);
        expect(res.body.code).to.equal('FORBIDDEN');
      }
    }
    expect((await couchLogin('cashier-s1', h.account('cashier-s1').password)).status, 'nothing was changed').to.equal(200);
    expect((await couchLogin('x-new', 'Secreto-123')).status).to.equal(401);
  });

  it('refuses bad input with a 400 naming the field', async function () {
    const ok = { name: 'cajera-nueva', password: 'Zapatos-2026', store: 's1', kind: 'cashier' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...ok, name: undefined }, 'name'], [{ ...ok, name: 'A' }, 'name'], [{ ...ok, name: '_admin' }, 'name'], [{ ...ok, name: 'org.couchdb.user:x' }, 'name'],
      [{ ...ok, password: 'corta1' }, 'password'], [{ ...ok, password: 'sololetrasmuchas' }, 'password'], [{ ...ok, password: 'cajera-nueva-1' }, 'password'],
      [{ ...ok, password: 12345678901 }, 'password'], [{ ...ok, store: 'S 1' }, 'store'], [{ ...ok, kind: 'admin' }, 'kind'], [{ ...ok, kind: 'device' }, 'kind'],
    ];
    for (const [body, param] of cases) {
      const res = await admin('POST', '/accounts', body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect(res.body.details?.param, JSON.stringify(body)).to.equal(param);
    }
    expect((await admin('GET', '/accounts')).body.details?.param).to.equal('store');
    expect((await admin('GET', '/accounts?store=s1&limit=0')).body.details?.param).to.equal('limit');
    expect((await admin('GET', '/accounts?store=s1&limit=201')).body.details?.param).to.equal('limit');
    expect((await admin('POST', '/accounts/cashier-s1/password', { password: 'x' })).body.details?.param).to.equal('password');
    expect((await admin('POST', '/accounts/Bad%20Name/disable')).body.details?.param).to.equal('name');
  });

  it('creates a cashier that logs in at once, refuses a taken name with 409, and audits it without the password', async function () {
    const res = await admin('POST', '/accounts', { name: 'cajera-s1-b', password: 'Zapatos-2026', store: 's1', kind: 'cashier' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.account).to.deep.equal({ name: 'cajera-s1-b', store: 's1', kind: 'cashier', disabled: false });
    const login = await couchLogin('cajera-s1-b', 'Zapatos-2026');
    expect(login.status).to.equal(200);
    expect(((await login.json()) as { roles: string[] }).roles).to.have.members(['store', 'store:s1', 'cashier']);
    // Taken: a store account, a chain admin, and central's own server admin (in CouchDB's configuration, not in _users).
    for (const name of ['cajera-s1-b', 'manager-s2', 'chain-admin', h.central.state.couch.auth.username]) {
      const taken = await admin('POST', '/accounts', { name, password: 'Zapatos-2026', store: 's1', kind: 'manager' });
      expect(taken.status, name).to.equal(409);
      expect(taken.body.details?.param, name).to.equal('name');
    }
    const [entry] = await auditOf('account.created');
    expect(entry).to.deep.include({ actor: 'chain-admin', target: 'org.couchdb.user:cajera-s1-b', details: { store: 's1', kind: 'cashier' } });
    expect(JSON.stringify(await auditOf('account.created'))).not.to.include('Zapatos-2026');
  });

  it("lists one store's accounts by name, a page at a time", async function () {
    for (let i = 0; i < 4; i++) {
      expect((await admin('POST', '/accounts', { name: `page-s3-${i}`, password: 'Zapatos-2026', store: 's3', kind: 'cashier' })).status).to.equal(201);
    }
    const all = await admin('GET', '/accounts?store=s3&limit=200');
    const names = (all.body.accounts as Account[]).map((a) => a.name);
    expect(names).to.include.members(['manager-s3', 'cashier-s3', 'device-s3', 'page-s3-0', 'page-s3-3']);
    expect(names).to.deep.equal([...names].sort());
    expect(all.body.next).to.equal(null);
    expect(names.some((n) => n.endsWith('-s1') || n === 'chain-admin')).to.equal(false);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: Answer = await admin('GET', `/accounts?store=s3&limit=2${after === null ? '' : `&after=${after}`}`);
      expect(res.body.accounts.length).to.be.at.most(2);
      seen.push(...(res.body.accounts as Account[]).map((a) => a.name));
      after = res.body.next;
      if (after === null) break;
    }
    expect(seen).to.deep.equal(names);
  });

  it('sets a new password: the new one works, the old one does not', async function () {
    const res = await admin('POST', '/accounts/cajera-s1-b/password', { password: 'Huaraches-77' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect((await couchLogin('cajera-s1-b', 'Huaraches-77')).status).to.equal(200);
    expect((await couchLogin('cajera-s1-b', 'Zapatos-2026')).status).to.equal(401);
    const [entry] = await auditOf('account.password-reset');
    expect(entry).to.deep.include({ actor: 'chain-admin', target: 'org.couchdb.user:cajera-s1-b' });
    expect(JSON.stringify(entry)).not.to.include('Huaraches-77');
  });

  it('keeps what each admin was told when two change one account at once: one create of a name, a disabling that holds', async function () {
    // On one server the second write is refused (409). On a CouchDB cluster both could be
    // acknowledged, leaving the account with either revision (central/couch/exclusive-writes.ts).
    for (let race = 0; race < 6; race++) {
      const name = `cajera-race-${race}`;
      const created = await Promise.all(['Zapatos-2026', 'Sandalias-2026'].map((password) => admin('POST', '/accounts', { name, password, store: 's1', kind: 'cashier' })));
      const statuses = `race ${race}: ${created.map((r) => r.status).join(', ')}`;
      expect(created.map((r) => r.status).sort(), statuses).to.deep.equal([201, 409]);
      const password = created[0]!.status === 201 ? 'Zapatos-2026' : 'Sandalias-2026';
      expect((await couchLogin(name, password)).status, `${statuses}: the created account's password`).to.equal(200);
      expect((await auditOf('account.created')).filter((e) => e.target === `org.couchdb.user:${name}`), statuses).to.have.length(1);

      const [disabled, reset] = await Promise.all([admin('POST', `/accounts/${name}/disable`), admin('POST', `/accounts/${name}/password`, { password: 'Huaraches-77' })]);
      const both = `race ${race}: disable ${disabled.status}, new password ${reset.status}`;
      expect(disabled.status, `${both}: ${JSON.stringify(disabled.body)}`).to.be.oneOf([200, 409]);
      expect(reset.status, `${both}: ${JSON.stringify(reset.body)}`).to.be.oneOf([200, 409]);
      expect([disabled.status, reset.status], both).to.include(200);
      // Disabled as told: neither password opens it. Not disabled: the new password was set. On a
      // cluster a node's sign-in cache follows `_users` a moment later: asked until it agrees.
      const opens = async () => (await couchLogin(name, 'Huaraches-77')).status === 200;
      await waitFor(async () => (await opens()) === (disabled.status !== 200), { timeoutMs: 10_000, intervalMs: 250, what: `sign-in to agree with ${both}` });
      expect(await opens(), both).to.equal(disabled.status !== 200);
      expect((await auditOf('account.disabled')).filter((e) => e.target === `org.couchdb.user:${name}`), both).to.have.length(disabled.status === 200 ? 1 : 0);
      expect((await auditOf('account.password-reset')).filter((e) => e.target === `org.couchdb.user:${name}`), both).to.have.length(reset.status === 200 ? 1 : 0);
    }
  });

  it("cannot touch central's own account or a chain admin (404), nor an account that does not exist", async function () {
    for (const name of ['chain-admin', h.central.state.couch.auth.username, 'nadie-aqui']) {
      for (const [path, body] of [['password', { password: 'Huaraches-77' }], ['disable', undefined], ['enable', { password: 'Huaraches-77' }]] as const) {
        const res = await admin('POST', `/accounts/${name}/${path}`, body);
        expect(res.status, `${name} ${path}`).to.equal(404);
      }
    }
    expect((await admin('GET', '/accounts?store=s1')).status, 'the admin is untouched').to.equal(200);
  });

  it('disables an account: no login, no /db, its console session ends; enabling needs a new password', async function () {
    const name = 'gerente-s1-b';
    expect((await admin('POST', '/accounts', { name, password: 'Zapatos-2026', store: 's1', kind: 'manager' })).status).to.equal(201);
    // A console session and a CouchDB session (as the POS replicates) opened before the change.
    const login = await fetch(`${h.central.url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, password: 'Zapatos-2026' }) });
    expect(login.status).to.equal(200);
    const consoleCookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const stores = () => fetch(`${h.central.url}/api/stores`, { headers: { cookie: consoleCookie } });
    expect((await stores()).status).to.equal(200);
    const couch = await couchLogin(name, 'Zapatos-2026');
    const authSession = couch.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const replicate = () => fetch(`${h.central.url}/db/store-s1/_changes?limit=1`, { headers: { cookie: authSession } });
    expect((await replicate()).status).to.equal(200);

    const res = await admin('POST', `/accounts/${name}/disable`);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.account).to.include({ disabled: true, store: 's1', kind: 'manager' });
    expect((await couchLogin(name, 'Zapatos-2026')).status).to.equal(401);
    expect((await call(name, 'GET', '/devices', undefined, 'Zapatos-2026')).status).to.equal(401);
    expect((await fetch(`${h.central.url}/db/store-s1/_changes?limit=1`, { headers: basic(name, 'Zapatos-2026') })).status).to.equal(401);
    expect((await replicate()).status, 'the CouchDB session opened before').to.be.oneOf([401, 403]);
    await waitFor(async () => (await stores()).status === 401, { timeoutMs: 20_000, intervalMs: 250, what: 'the console session to end' });
    const listed = (await admin('GET', '/accounts?store=s1&limit=200')).body.accounts as Account[];
    expect(listed.find((a) => a.name === name)).to.deep.equal({ name, store: 's1', kind: 'manager', disabled: true });
    expect((await admin('POST', `/accounts/${name}/password`, { password: 'Huaraches-77' })).status, 'a disabled account is enabled, not reset').to.equal(409);
    expect((await admin('POST', `/accounts/${name}/disable`)).status, 'disabling twice changes nothing').to.equal(200);
    expect((await auditOf('account.disabled')).filter((e) => e.target === `org.couchdb.user:${name}`)).to.have.length(1);

    expect((await admin('POST', `/accounts/${name}/enable`, {})).body.details?.param).to.equal('password');
    const back = await admin('POST', `/accounts/${name}/enable`, { password: 'Huaraches-77' });
    expect(back.status, JSON.stringify(back.body)).to.equal(200);
    const again = await couchLogin(name, 'Huaraches-77');
    expect(again.status).to.equal(200);
    expect(((await again.json()) as { roles: string[] }).roles).to.have.members(['store', 'store:s1', 'manager']);
    expect((await couchLogin(name, 'Zapatos-2026')).status).to.equal(401);
    expect((await auditOf('account.enabled'))[0]).to.deep.include({ actor: 'chain-admin', target: `org.couchdb.user:${name}`, details: { store: 's1', kind: 'manager' } });
  });

});
