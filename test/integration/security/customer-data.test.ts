// Customer personal data against a real central (embedded CouchDB, demo chain): what the raw
// CouchDB API (Fauxton) shows is ciphertext; the keys reach a POS only after login, through
// GET /api/keys/customers; and neither the audit trail nor the log ever holds them.
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../../central/config.js';
import { DEMO_CUSTOMERS } from '../../../central/demo/seed-demo.js';
import { isKey32 } from '../../../central/keys/index.js';
import { startCentral, type Central } from '../../../central/server.js';
import { ensureUser } from '../../../central/setup/ensure-user.js';
import { createNodePouch, type Db } from '../../../store-client/index.js';
import {
  decryptCustomer, findCustomerByPhone, importCustomerKeys, type CustomerKeyMaterial,
} from '../../../store-client/crypto/index.js';
import type { Customer } from '../../../validators/index.js';
import { testAdminPassword, testAdminUser, testCentralEnv } from '../../helpers/external-couch.js';

interface Account { name: string; password: string }
const PouchDB = createNodePouch();
const basic = (a: Account) => ({ Authorization: 'Basic ' + Buffer.from(`${a.name}:${a.password}`).toString('base64') });
const CHECKED = ['phone', 'email', 'taxId'] as const;

describe('customer personal data (integration)', function () {
  this.timeout(120_000);
  let dataDir: string;
  let central: Central;
  let accounts: Account[];
  let admin: Account;
  const logLines: string[] = [];
  const account = (name: string) => accounts.find((a) => a.name === name)!;
  const fetchKeys = (headers: Record<string, string> = {}) => fetch(`${central.url}/api/keys/customers`, { headers });

  before(async function () {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'pronto-customers-'));
    // Everything central logs, at debug level, kept to look for key material afterwards.
    const log = pino({ level: 'debug' }, { write: (line: string) => { logLines.push(line); } });
    central = await startCentral(loadConfig({ DATA_DIR: dataDir, PORT: '0', COUCH_PORT: '0', ...(await testCentralEnv()) }), log);
    accounts = JSON.parse(await readFile(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as Account[];
    admin = { name: testAdminUser(), password: await testAdminPassword(dataDir) };
  });
  after(async function () {
    await central?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('ciphertext is all that Fauxton (the raw CouchDB API) returns for customer phone numbers', async function () {
    // The embedded server's own port, as an admin: exactly what Fauxton shows.
    const res = await fetch(`${central.state.couch.url}/customers/_all_docs?include_docs=true`, { headers: basic(admin) });
    expect(res.status).to.equal(200);
    const docs = ((await res.json()) as { rows: Array<{ doc: Record<string, unknown> }> }).rows.map((r) => r.doc).filter((d) => d.type === 'customer');
    expect(docs).to.have.length(DEMO_CUSTOMERS.length);
    // Seven-digit slices of every plain phone and tax id (spaces and + dropped), and the plain values.
    const digits = DEMO_CUSTOMERS.flatMap((c) => [c.phone, c.taxId]).map((v) => (v ?? '').replace(/[^0-9]/g, ''));
    const slices = digits.flatMap((d) => Array.from({ length: Math.max(0, d.length - 6) }, (_, i) => d.slice(i, i + 7)));
    const plain = DEMO_CUSTOMERS.flatMap((c) => [c.phone, c.email, c.taxId, c.address]).filter((v): v is string => v !== undefined);
    for (const doc of docs) {
      for (const field of CHECKED) {
        if (doc[field] === undefined) continue;
        expect(doc[field], `${String(doc._id)} ${field}`).to.match(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$/);
        expect(doc[field]).to.not.include('@');
      }
      const raw = JSON.stringify(doc);
      for (const slice of slices) expect(raw, `${String(doc._id)} holds a phone or tax id`).to.not.include(slice);
      for (const value of plain) expect(raw).to.not.include(value);
      expect(raw).to.not.include('@');
      expect(doc.blindIndex, 'a blind index lets stores find the customer by phone').to.have.property('phone').that.is.a('string');
      expect(doc.createdAt).to.be.a('string');
    }
    expect(docs.filter((d) => d.email !== undefined), 'the demo has e-mails to check').to.not.be.empty;
    expect(docs.filter((d) => d.taxId !== undefined), 'the demo has tax ids to check').to.not.be.empty;
  });

  it("gives a cashier the keys, which decrypt a customer's phone and find the customer by phone in a local copy", async function () {
    const cashier = account('cashier-s1');
    const res = await fetchKeys(basic(cashier));
    expect(res.status).to.equal(200);
    expect(res.headers.get('cache-control')).to.equal('no-store');
    const material = (await res.json()) as CustomerKeyMaterial;
    expect(Object.keys(material).sort()).to.deep.equal(['dataKey', 'indexKey']);
    expect(isKey32(material.dataKey) && isKey32(material.indexKey)).to.equal(true);
    const keys = await importCustomerKeys(material);

    const remote = new PouchDB(`${central.url}/db/customers`, { auth: { username: cashier.name, password: cashier.password }, skip_setup: true } as never) as Db;
    const stored = (await remote.allDocs({ include_docs: true })).rows.map((r) => r.doc as unknown as Customer).filter((d) => d?.type === 'customer');
    const maria = stored.find((d) => d.name === 'María López')!;
    expect((await decryptCustomer(maria, keys)).phone).to.match(/^[0-9]{10}$/).and.equal('5512345678');

    const local = new PouchDB(`customers-${randomBytes(6).toString('hex')}`, { adapter: 'memory' }) as Db;
    try {
      await local.replicate.from(remote);
      const found = await findCustomerByPhone(local, keys, '55 2345 6789');
      expect(found.map((c) => [c.name, c.phone])).to.deep.equal([['Juan Martínez', '+52 55 2345 6789']]);
      const byPlain = await findCustomerByPhone(local, keys, '5512345678');
      expect(byPlain.map((c) => c.email)).to.deep.equal(['maria.lopez@example.com']);
    } finally {
      await local.destroy();
    }
  });

  it('gives the keys to a console session of a store account, and to an admin', async function () {
    const manager = account('manager-s2');
    const login = await fetch(`${central.url}/api/session`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: manager.name, password: manager.password }),
    });
    expect(login.status).to.equal(200);
    const sid = login.headers.getSetCookie().find((c) => c.startsWith('pronto.sid='))!.split(';')[0]!;
    expect((await fetchKeys({ cookie: sid })).status).to.equal(200);
    const res = await fetchKeys(basic(account('chain-admin')));
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal(central.state.customerKeys.material);
  });

  it('refuses anonymous callers and wrong passwords with 401, and carries no key', async function () {
    const { dataKey, indexKey } = central.state.customerKeys.material;
    for (const headers of [{}, basic({ name: 'cashier-s1', password: 'not-the-password' })]) {
      const res = await fetchKeys(headers);
      expect(res.status).to.equal(401);
      expect(res.headers.get('cache-control')).to.equal('no-store');
      const text = await res.text();
      expect(JSON.parse(text)).to.have.property('code', 'UNAUTHORIZED');
      expect(text).to.not.include(dataKey).and.not.include(indexKey);
    }
  });

  it('refuses an account that is neither a store account nor an admin, and a read-only token, with 403', async function () {
    const visitor = { name: 'visitor', password: randomBytes(9).toString('base64url') };
    await ensureUser(central.state.couch.nano, { ...visitor, roles: [] });
    const res = await fetchKeys(basic(visitor));
    expect(res.status).to.equal(403);
    expect(await res.text()).to.not.include(central.state.customerKeys.material.dataKey);

    const create = async (scopes: string[]) => {
      const r = await fetch(`${central.url}/api/tokens`, {
        method: 'POST', headers: { ...basic(admin), 'Content-Type': 'application/json' }, body: JSON.stringify({ name: `keys-${scopes[0]}`, scopes }),
      });
      expect(r.status).to.equal(201);
      return ((await r.json()) as { token: string }).token;
    };
    expect((await fetchKeys({ Authorization: `Bearer ${await create(['read'])}` })).status).to.equal(403);
    expect((await fetchKeys({ Authorization: `Bearer ${await create(['admin'])}` })).status).to.equal(200);
  });

  it('audits every hand-out with who took the keys, and no key material is in the audit trail or the log', async function () {
    const { dataKey, indexKey } = central.state.customerKeys.material;
    const res = await fetch(`${central.state.couch.url}/audit/_all_docs?include_docs=true`, { headers: basic(admin) });
    const entries = ((await res.json()) as { rows: Array<{ doc: Record<string, unknown> }> }).rows.map((r) => r.doc);
    const fetched = entries.filter((e) => e.action === 'keys.customer-fetched');
    expect(fetched.map((e) => e.actor)).to.include.members(['cashier-s1', 'manager-s2', 'chain-admin', 'token:keys-admin']);
    expect(fetched.find((e) => e.actor === 'cashier-s1')).to.deep.include({ target: 'customer-keys', details: { via: 'couch' } });
    const denied = entries.filter((e) => e.action === 'auth.denied' && e.target === 'GET /api/keys/customers').map((e) => e.actor);
    expect(denied).to.include.members(['visitor', 'token:keys-read']);
    const trail = JSON.stringify(entries);
    expect(trail).to.not.include(dataKey).and.not.include(indexKey);
    expect(logLines.length, 'central logged something').to.be.greaterThan(0);
    const log = logLines.join('');
    expect(log).to.not.include(dataKey).and.not.include(indexKey);
  });
});
