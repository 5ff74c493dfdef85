// Central's own doors against a real central (embedded server, demo chain): /db serves the
// replication endpoints and nothing else, caps bodies, keeps `_local` writes where a store writes
// anyway; every password presented through central counts toward one lockout; tokens and console
// sessions follow the account as it is now; refusals are audited without flooding the trail and
// name only authenticated actors; the POS is served with a strict Content-Security-Policy.
import { expect } from 'chai';
import http from 'node:http';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Central } from '../../../central/server.js';
import { startDemoCentral, type DemoAccount, type DemoCentral } from '../../helpers/demo-central.js';
import { waitFor } from '../../helpers/wait-for.js';

type Account = Pick<DemoAccount, 'name' | 'password'>;
const basic = (a: Account) => ({ Authorization: 'Basic ' + Buffer.from(`${a.name}:${a.password}`).toString('base64'), 'Content-Type': 'application/json' });
const json = { 'Content-Type': 'application/json' };

describe('central\'s doors (integration)', function () {
  this.timeout(120_000);
  let demo: DemoCentral;
  let central: Central;
  let server: Account;

  before(async function () {
    demo = await startDemoCentral();
    central = demo.central;
    server = { name: central.state.couch.auth.username, password: central.state.couch.auth.password };
  });
  after(async () => demo?.stop());

  const db = (p: string) => `${central.url}/db/${p}`;
  const couch = (p: string) => `${central.state.couch.url}/${p}`;
  /** A raw request, so the path reaches central exactly as written (fetch would normalize `..`). */
  const raw = (method: string, path: string) => new Promise<number>((resolve, reject) => {
    const u = new URL(central.url);
    http.request({ host: u.hostname, port: u.port, method, path }, (res) => { res.resume(); resolve(res.statusCode ?? 0); }).on('error', reject).end();
  });
  const auditEntries = async () => ((await (await fetch(couch('audit/_all_docs?include_docs=true'), { headers: basic(server) })).json()) as { rows: Array<{ doc: Record<string, any> }> })
    .rows.map((r) => r.doc).filter((d) => d.type === 'audit');

  describe('/db, an allowlist', () => {
    const refused: Array<[string, string, number]> = [
      ['GET', '/db/_all_dbs', 404],
      ['GET', '/db/_users', 404],
      ['GET', '/db/_users/_all_docs', 404],
      ['GET', '/db/_utils/', 404],
      ['POST', '/db/_replicate', 404],
      ['PUT', '/db/_node/node1@127.0.0.1/store-evil', 404],
      ['DELETE', '/db/_node/node1@127.0.0.1/catalog', 404],
      ['GET', '/db/_users/x/../../_config', 400],
      ['GET', '/db/store-s1/%2e%2e/_config', 400],
      ['PUT', '/db/store-evil', 404],
      ['GET', '/db/audit/_all_docs', 404],
    ];
    for (const [method, path, status] of refused) {
      it(`answers an anonymous ${method} ${path} with ${status} and never reaches CouchDB`, async function () {
        expect(await raw(method, path)).to.equal(status);
      });
    }

    it('still serves what a till replicates with, and CouchDB still decides who may read', async function () {
      const cashier = demo.account('cashier-s1');
      expect((await fetch(db('store-s1'), { headers: basic(cashier) })).status).to.equal(200);
      expect((await fetch(db('catalog/_changes?limit=1'), { headers: basic(cashier) })).status).to.equal(200);
      expect((await fetch(db('store-s2'), { headers: basic(cashier) })).status).to.be.oneOf([401, 403]);
      expect((await fetch(db('store-s1'))).status).to.equal(401);
    });

    it('lets a store account write _local documents only where it writes documents anyway', async function () {
      const cashier = demo.account('cashier-s1');
      const put = (p: string) => fetch(db(p), { method: 'PUT', headers: basic(cashier), body: JSON.stringify({ since: '999999999' }) });
      expect((await put('catalog/_local/pronto-resolver')).status).to.equal(405);
      expect((await put('store-s1/_local/rep-checkpoint')).status).to.equal(201);
      expect((await put('customers/_local/rep-checkpoint')).status).to.equal(201);
    });

    it('refuses a body over the cap before CouchDB sees it (a 9 MB _local document)', async function () {
      const cashier = demo.account('cashier-s1');
      const res = await fetch(db('customers/_local/huge'), { method: 'PUT', headers: basic(cashier), body: JSON.stringify({ blob: 'x'.repeat(9 * 1024 * 1024) }) });
      expect(res.status).to.equal(413);
      expect((await fetch(db('customers/_local/huge'), { headers: basic(cashier) })).status).to.equal(404);
    });

    it('refuses attachments: a 50 MB one at the attachment endpoint, and inline ones on a document', async function () {
      const cashier = demo.account('cashier-s1');
      const att = await fetch(db('store-s1/store-status:s1:s1.pos1/big.bin'), { method: 'PUT', headers: { ...basic(cashier), 'Content-Type': 'application/octet-stream' }, body: new Uint8Array(50 * 1024 * 1024) });
      expect(att.status).to.equal(403);
      const now = new Date().toISOString();
      const status = { _id: 'store-status:s1:s1.pos8', type: 'store-status', store: 's1', device: 's1.pos8', state: 'online', pending: 0,
        updatedAt: `${now}-0000-s1.pos8`, updatedBy: 's1.pos8', _attachments: { 'big.bin': { content_type: 'application/octet-stream', data: Buffer.alloc(1024).toString('base64') } } };
      const inline = await fetch(db(`store-s1/${status._id}`), { method: 'PUT', headers: basic(cashier), body: JSON.stringify(status) });
      expect(inline.status).to.equal(403);
      expect(await inline.json()).to.deep.equal({ error: 'forbidden', reason: 'attachments are not accepted in store-s1' });
    });
  });

  describe('one lockout for every password', () => {
    // Apache CouchDB 3.4+ also locks a client and user out by itself after five failures (403,
    // [chttpd_auth_lockout]); central forwards the client's address so that lock is per till.
    const locked = (statuses: number[]) => statuses.findIndex((s) => s !== 401);

    it('locks a name out after at most ten wrong passwords on /db/_session, even the right one, and on /api too', async function () {
      const victim = demo.account('cashier-s2');
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        statuses.push((await fetch(db('_session'), { method: 'POST', headers: json, body: JSON.stringify({ name: victim.name, password: `guess-${i}` }) })).status);
      }
      const at = locked(statuses);
      expect(at, `${statuses}`).to.be.within(1, 10);
      expect(statuses.slice(at).every((s) => s === 403 || s === 429), `${statuses}`).to.equal(true);
      expect(statuses.at(-1)).to.equal(429);
      expect((await fetch(db('_session'), { method: 'POST', headers: json, body: JSON.stringify({ name: victim.name, password: victim.password }) })).status).to.equal(429);
      const form = await fetch(db('_session'), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `name=${victim.name}&password=${victim.password}` });
      expect(form.status, 'form-encoded logins count too').to.equal(429);
      expect((await fetch(`${central.url}/api/session`, { method: 'POST', headers: json, body: JSON.stringify({ name: victim.name, password: victim.password }) })).status).to.equal(429);
      expect((await fetch(db('store-s2'), { headers: basic(victim) })).status, 'Basic on /db').to.equal(429);
      // Another account is not locked by this one's failures.
      expect((await fetch(db('_session'), { method: 'POST', headers: json, body: JSON.stringify({ name: 'manager-s2', password: demo.account('manager-s2').password }) })).status).to.equal(200);
    });

    it('counts wrong Basic passwords on /db and on /api toward the same lockout', async function () {
      const victim = demo.account('manager-s3');
      const wrong = { name: victim.name, password: 'nope' };
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await fetch(db('store-s3'), { headers: basic(wrong) })).status);
      for (let i = 0; i < 5; i++) statuses.push((await fetch(`${central.url}/api/stores`, { headers: basic(wrong) })).status);
      expect(statuses.every((s) => s === 401 || s === 403 || s === 429), `${statuses}`).to.equal(true);
      expect((await fetch(`${central.url}/api/stores`, { headers: basic(victim) })).status).to.equal(429);
      expect((await fetch(db('store-s3'), { headers: basic(victim) })).status).to.equal(429);
    });
  });

  describe('accounts as they are now', () => {
    const makeAdmin = async (name: string) => {
      const password = `pw-${name}-${Date.now()}`;
      const res = await fetch(couch(`_users/org.couchdb.user:${name}`), { method: 'PUT', headers: basic(server), body: JSON.stringify({ _id: `org.couchdb.user:${name}`, name, type: 'user', roles: ['admin'], password }) });
      expect(res.status).to.equal(201);
      return { name, password };
    };
    const userDoc = async (name: string) => (await fetch(couch(`_users/org.couchdb.user:${name}`), { headers: basic(server) })).json() as Promise<Record<string, any>>;

    it('stops a token working once the account that made it is deleted', async function () {
      const ops = await makeAdmin('ops-token');
      const made = await fetch(`${central.url}/api/tokens`, { method: 'POST', headers: basic(ops), body: JSON.stringify({ name: 'nightly', scopes: ['read'] }) });
      expect(made.status).to.equal(201);
      const { token } = (await made.json()) as { token: string };
      const bearer = { Authorization: `Bearer ${token}` };
      expect((await fetch(`${central.url}/api/stores`, { headers: bearer })).status).to.equal(200);
      const doc = await userDoc(ops.name);
      expect((await fetch(couch(`_users/org.couchdb.user:${ops.name}?rev=${doc._rev}`), { method: 'DELETE', headers: basic(server) })).status).to.equal(200);
      await waitFor(async () => (await fetch(`${central.url}/api/stores`, { headers: bearer })).status === 401, { what: 'the token to stop working' });
    });

    it('takes a removed role away from a console session at once, not after its 8 hours', async function () {
      const ops = await makeAdmin('ops-session');
      const login = await fetch(`${central.url}/api/session`, { method: 'POST', headers: json, body: JSON.stringify(ops) });
      expect(login.status).to.equal(200);
      const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const stores = () => fetch(`${central.url}/api/stores`, { headers: { cookie } }).then((r) => r.status);
      expect(await stores()).to.equal(200);
      const doc = await userDoc(ops.name);
      expect((await fetch(couch(`_users/org.couchdb.user:${ops.name}`), { method: 'PUT', headers: basic(server), body: JSON.stringify({ ...doc, roles: [] }) })).status).to.equal(201);
      await waitFor(async () => (await stores()) === 403, { what: 'the session to lose the admin role' });
      const session = (await (await fetch(`${central.url}/api/session`, { headers: { cookie } })).json()) as { roles: string[] };
      expect(session.roles).to.deep.equal([]);
    });
  });

  describe('the audit trail of refusals', () => {
    // Every anonymous request of this suite comes from 127.0.0.1: one caller, one bucket.
    it('writes at most five entries a minute for one anonymous caller however many paths it tries, naming no actor', async function () {
      for (let i = 0; i < 40; i++) expect((await fetch(db(`store-s1/probe-${i}`))).status).to.equal(401);
      const anonymous = (await auditEntries()).filter((d) => d.action === 'db.denied' && d.details?.ip === '127.0.0.1' && d.actor === '(anonymous)');
      const perMinute = new Map<string, number>();
      for (const d of anonymous) perMinute.set(d.at.slice(0, 16), (perMinute.get(d.at.slice(0, 16)) ?? 0) + 1);
      expect(Math.max(...perMinute.values())).to.be.at.most(10); // five per rolling window: at most ten in one clock minute
      expect(anonymous.filter((d) => d.target.startsWith('/store-s1/probe-')).length).to.be.at.most(5);
    });

    it('names the actor of a refusal only when CouchDB authenticated it', async function () {
      const cashier = demo.account('cashier-s3');
      const product = (await (await fetch(db('catalog/product:PS-M01-NEG-25'), { headers: basic(cashier) })).json()) as Record<string, unknown>;
      const edit = JSON.stringify({ ...product, price: 1 });
      expect((await fetch(db('catalog/product:PS-M01-NEG-25'), { method: 'PUT', headers: basic(cashier), body: edit })).status).to.equal(403);
      expect((await fetch(db('catalog/product:PS-M01-NEG-25'), { method: 'PUT', headers: basic({ name: 'chain-admin', password: 'wrong' }), body: edit })).status).to.equal(401);
      await waitFor(async () => (await auditEntries()).some((d) => d.action === 'db.denied' && d.actor === 'cashier-s3'), { what: "the cashier's refusal" });
      // The wrong password is anonymous (its entry may also be one of the bounded-out ones).
      const guessed = (await auditEntries()).filter((d) => d.action === 'db.denied' && d.details?.claimed === 'chain-admin');
      expect(guessed.every((d) => d.actor === '(anonymous)')).to.equal(true);
      expect((await auditEntries()).some((d) => d.action === 'db.denied' && d.actor === 'chain-admin')).to.equal(false);
    });
  });

  it('keeps DATA_DIR private: every folder 0700, every file 0600 (secrets, the embedded server\'s files)', async function () {
    const wrong: string[] = [];
    const visit = async (p: string): Promise<void> => {
      const st = await lstat(p);
      if (st.isSymbolicLink()) return;
      if ((st.mode & 0o777) !== (st.isDirectory() ? 0o700 : 0o600)) wrong.push(`${p} ${(st.mode & 0o777).toString(8)}`);
      if (st.isDirectory()) for (const name of await readdir(p)) await visit(path.join(p, name));
    };
    await visit(demo.dataDir);
    expect(wrong).to.deep.equal([]);
  });

  it('serves the POS with a strict Content-Security-Policy, nosniff and no framing', async function () {
    const res = await fetch(`${central.url}/pos/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).to.include("script-src 'self'").and.include("frame-ancestors 'none'").and.include("object-src 'none'");
    expect(csp).to.not.match(/unsafe-eval|unsafe-inline|upgrade-insecure-requests/);
    expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(res.headers.get('x-frame-options')).to.equal('DENY');
  });
});
