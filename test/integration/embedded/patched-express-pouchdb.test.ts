// The patches (patches/*.patch) pinned without the allowlist in front: express-pouchdb itself no
// longer makes an admin of a user editing its own _users document, and no longer dies on the
// requests that used to kill it.
import { expect } from 'chai';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { json, rawRequest } from './embedded-fixture.js';

const ENTRY = fileURLToPath(new URL('./bare-server.ts', import.meta.url));

describe('patched express-pouchdb without the door (integration)', function () {
  this.timeout(120_000);
  let dir: string;
  let child: ChildProcess;
  let url: string;
  const admin = { username: 'admin', password: 'bare-admin-pw' };
  const eve = { username: 'eve', password: 'eve-pw-1' };

  before(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pronto-bare-'));
    child = fork(ENTRY, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (m: { port?: number; error?: string }) => (m.port ? resolve(m.port) : reject(new Error(m.error))));
      child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
      child.send({ dir, adminUser: admin.username, adminPassword: admin.password });
    });
    url = `http://127.0.0.1:${port}`;
  });
  after(async function () {
    if (child && child.exitCode === null) {
      await new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); });
    }
    await rm(dir, { recursive: true, force: true });
  });

  const alive = async () => {
    expect(child.exitCode, 'the server process exited').to.equal(null);
    expect((await rawRequest(url, 'GET', '/')).status).to.equal(200);
  };

  it('lets anyone sign up with no roles, as CouchDB does, but not then give itself a role', async function () {
    const signUp = await json(url, 'PUT', '/_users/org.couchdb.user:eve', null, { _id: 'org.couchdb.user:eve', name: 'eve', type: 'user', roles: [], password: eve.password });
    expect(signUp.status).to.equal(201);
    const escalate = await json(url, 'PUT', '/_users/org.couchdb.user:eve', eve, { _id: 'org.couchdb.user:eve', _rev: signUp.body.rev, name: 'eve', type: 'user', roles: ['admin'] });
    expect(escalate).to.deep.equal({ status: 403, body: { error: 'forbidden', reason: 'Only _admin may edit roles' } });
    expect((await json(url, 'GET', '/_session', eve)).body.userCtx).to.deep.equal({ name: 'eve', roles: [] });
  });

  it('still lets a user change its own password, roles unchanged, as CouchDB does', async function () {
    const rev = (await json(url, 'GET', '/_users/org.couchdb.user:eve', admin)).body._rev;
    const res = await json(url, 'PUT', '/_users/org.couchdb.user:eve', eve, { _id: 'org.couchdb.user:eve', _rev: rev, name: 'eve', type: 'user', roles: [], password: 'eve-pw-2' });
    expect(res.status).to.equal(201);
    expect((await json(url, 'GET', '/_session', { username: 'eve', password: 'eve-pw-2' })).body.userCtx).to.deep.equal({ name: 'eve', roles: [] });
    expect((await json(url, 'GET', '/_session', eve)).status, 'the old password').to.equal(401);
  });

  it('answers a user reading its own _users document with 404 (stricter than CouchDB: no _admin grant)', async function () {
    const res = await json(url, 'GET', '/_users/org.couchdb.user:eve', { username: 'eve', password: 'eve-pw-2' });
    expect(res.status).to.equal(404);
  });

  it('refuses an anonymous PUT of a new database without dying (was: db.info is not a function)', async function () {
    const res = await json(url, 'PUT', '/newdb', null);
    expect(res.status).to.equal(401);
    await alive();
  });

  it('refuses anonymous reads of _users documents and attachments without dying', async function () {
    for (const target of ['/_users/x/y', '/_users/x/../../_config', '/_users/_all_docs', '/_users/org.couchdb.user:eve']) {
      const res = await rawRequest(url, 'GET', target);
      expect(res.status, target).to.be.oneOf([401, 404]);
    }
    await alive();
  });

  it('hashes the admin in config.json with 600,000 iterations of SHA-256 before the first request', async function () {
    const config = await rawRequest(url, 'GET', '/_config/admins/admin', { Authorization: 'Basic ' + Buffer.from('admin:bare-admin-pw').toString('base64') });
    expect(JSON.parse(config.body)).to.match(/^-pbkdf2:sha256-[0-9a-f]{64},[0-9a-f]+,600000$/);
  });
});
