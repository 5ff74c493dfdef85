// Central end to end on a real embedded server: first start, demo chain, proxy, permissions by
// _security, idempotent setup, restart on the same data, and a supervised crash.
import { expect } from 'chai';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type CentralConfig } from '../../../central/config.js';
import { startCentral, type Central } from '../../../central/server.js';
import { runSetup } from '../../../central/setup/run-setup.js';
import { createLogger } from '../../../central/logger.js';
import { waitFor } from '../../helpers/wait-for.js';
import { externalCouchUrl, testCentralEnv } from '../../helpers/external-couch.js';

interface DemoAccount { name: string; password: string; roles: string[]; store: string | null }

const basic = (name: string, password: string) => ({ Authorization: 'Basic ' + Buffer.from(`${name}:${password}`).toString('base64') });

describe('central', function () {
  let dataDir: string;
  let config: CentralConfig;
  let central: Central;
  let accounts: DemoAccount[];

  before(async function () {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'pronto-central-'));
    config = loadConfig({ DATA_DIR: dataDir, PORT: '0', COUCH_PORT: '0', LOG_LEVEL: 'silent', ...(await testCentralEnv()) });
    central = await startCentral(config, createLogger('silent'));
    accounts = JSON.parse(await readFile(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as DemoAccount[];
  });

  after(async function () {
    await central?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reports healthy with the CouchDB version once setup is done', async function () {
    const res = await fetch(`${central.url}/api/health`);
    const body = (await res.json()) as { status: string; couchdb: { version: string }; setup: { done: boolean; stores: string[] } };
    expect(res.status).to.equal(200);
    expect(body.status).to.equal('ok');
    expect(body.couchdb.version).to.be.a('string');
    expect(body.setup.stores).to.deep.equal(['s1', 's2', 's3']);
  });

  it('keeps the generated admin password and the demo accounts in 0600 files', async function () {
    // Against COUCHDB_URL there is no generated password: the URL carries it.
    if (externalCouchUrl() === undefined) expect((await stat(path.join(dataDir, 'admin-password'))).mode & 0o777).to.equal(0o600);
    expect((await stat(path.join(dataDir, 'demo-accounts.json'))).mode & 0o777).to.equal(0o600);
    for (const store of ['s1', 's2', 's3']) {
      const kinds = accounts.filter((a) => a.store === store).map((a) => a.roles.at(-1));
      expect(kinds).to.have.members(['manager', 'cashier', 'device']);
    }
  });

  it('seeds about 2,000 SKUs into the catalog, readable by a store account through /db', async function () {
    const cashier = accounts.find((a) => a.name === 'cashier-s1')!;
    const res = await fetch(`${central.url}/db/catalog/_all_docs?startkey="product:"&endkey="product:\ufff0"&limit=0`, { headers: basic(cashier.name, cashier.password) });
    const body = (await res.json()) as { total_rows: number };
    expect(res.status).to.equal(200);
    expect(body.total_rows).to.be.greaterThan(2000);
  });

  it("lets a store account read its own store database but not another store's", async function () {
    const device = accounts.find((a) => a.name === 'device-s1')!;
    const own = await fetch(`${central.url}/db/store-s1`, { headers: basic(device.name, device.password) });
    const other = await fetch(`${central.url}/db/store-s2`, { headers: basic(device.name, device.password) });
    const anonymous = await fetch(`${central.url}/db/store-s1`);
    expect(own.status).to.equal(200);
    expect(other.status).to.be.oneOf([401, 403]); // CouchDB says 403, the embedded server 401
    expect(anonymous.status).to.equal(401);
  });

  it('refuses an anonymous database creation without crashing the embedded server', async function () {
    const couchUrl = central.state.couch.url;
    const res = await fetch(`${couchUrl}/store-not-allowed`, { method: 'PUT' });
    expect(res.status).to.equal(401);
    if (central.state.couch.embedded !== undefined) expect(central.state.couch.embedded.restarts()).to.equal(0);
    expect((await fetch(`${couchUrl}/`)).status).to.equal(200);
  });

  it('serves Fauxton on the embedded server port, to server admins only', async function () {
    if (externalCouchUrl() !== undefined) this.skip(); // COUCHDB_URL: Fauxton is that server's, not ours
    const anonymous = await fetch(`${central.state.couch.url}/_utils/`);
    expect(anonymous.status).to.equal(401);
    expect(anonymous.headers.get('www-authenticate')).to.match(/^Basic/);
    const admin = basic(config.adminUser, (await readFile(path.join(dataDir, 'admin-password'), 'utf8')).trim());
    const res = await fetch(`${central.state.couch.url}/_utils/`, { headers: admin });
    expect(res.status).to.equal(200);
    expect(await res.text()).to.match(/fauxton|<html/i);
  });

  it('changes nothing on a second setup run', async function () {
    const report = await runSetup(central.state.couch.nano);
    expect(report.changes).to.deep.equal([]);
  });

  it('restarts the embedded server on the same data when it dies', async function () {
    if (central.state.couch.embedded === undefined) this.skip(); // COUCHDB_URL: a server the suite cannot kill
    const embedded = central.state.couch.embedded!;
    process.kill(embedded.pid()!, 'SIGKILL');
    await waitFor(() => embedded.restarts() === 1, { timeoutMs: 30_000, what: 'a restart' });
    await waitFor(async () => (await fetch(`${central.url}/api/health`)).status === 200, { timeoutMs: 30_000, what: 'health after restart' });
    const admin = basic(config.adminUser, (await readFile(path.join(dataDir, 'admin-password'), 'utf8')).trim());
    const res = await fetch(`${central.url}/db/store-s1/_all_docs?limit=0`, { headers: admin });
    expect(((await res.json()) as { total_rows: number }).total_rows).to.be.greaterThan(100);
  });

  it('keeps its data, password and accounts across a full restart and seeds nothing twice', async function () {
    await central.stop();
    central = await startCentral(config, createLogger('silent'));
    const again = JSON.parse(await readFile(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as DemoAccount[];
    expect(again).to.deep.equal(accounts);
    const cashier = accounts.find((a) => a.name === 'cashier-s2')!;
    const res = await fetch(`${central.url}/db/store-s2/_all_docs?limit=0`, { headers: basic(cashier.name, cashier.password) });
    expect(res.status).to.equal(200);
  });

  it('answers unknown API routes with a coded JSON error', async function () {
    const res = await fetch(`${central.url}/api/nope`);
    expect(res.status).to.equal(404);
    expect(await res.json()).to.include({ code: 'NOT_FOUND' });
  });
});
