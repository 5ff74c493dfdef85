// What the embedded server keeps as CouchDB does: sessions across a restart (the cookie secret),
// 600,000 PBKDF2 iterations for new passwords, old weak hashes upgraded on login, and a file tree
// under DATA_DIR that only its owner can read.
import { expect } from 'chai';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from '../../helpers/wait-for.js';
import { json, rawRequest, startEmbeddedFixture, type EmbeddedFixture } from './embedded-fixture.js';

async function listTree(root: string): Promise<Array<{ path: string; dir: boolean; mode: number }>> {
  const out: Array<{ path: string; dir: boolean; mode: number }> = [];
  const visit = async (p: string): Promise<void> => {
    const stat = await lstat(p);
    out.push({ path: path.relative(root, p) || '.', dir: stat.isDirectory(), mode: stat.mode & 0o777 });
    if (stat.isDirectory()) for (const name of await readdir(p)) await visit(path.join(p, name));
  };
  await visit(root);
  return out;
}

describe('embedded server: passwords, sessions and files (integration)', function () {
  this.timeout(180_000);
  let couch: EmbeddedFixture;
  const ana = { username: 'ana', password: 'ana-password-1' };

  before(async function () {
    // An install from before: a world-readable tree and a file in it.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pronto-embedded-'));
    await chmod(dir, 0o755);
    await mkdir(path.join(dir, 'old-db'), { mode: 0o755 });
    await writeFile(path.join(dir, 'old-db', 'LOG'), 'x', { mode: 0o644 });
    couch = await startEmbeddedFixture({ dir });
    const res = await json(couch.url, 'PUT', '/_users/org.couchdb.user:ana', couch.admin, { _id: 'org.couchdb.user:ana', name: 'ana', type: 'user', roles: ['store'], password: ana.password });
    expect(res.status).to.equal(201);
  });
  after(async function () {
    await couch?.stop();
  });

  it('stores a new password with 600,000 iterations of PBKDF2-SHA256, as CouchDB 3.5 does', async function () {
    const doc = (await json(couch.url, 'GET', '/_users/org.couchdb.user:ana', couch.admin)).body;
    expect(doc).to.include({ password_scheme: 'pbkdf2', pbkdf2_prf: 'sha256', iterations: 600000 });
    expect(doc.derived_key).to.match(/^[0-9a-f]{64}$/);
    expect(doc).to.not.have.property('password');
  });

  it('keeps the cookie secret across a restart: a session cookie from before still works after', async function () {
    const login = await rawRequest(couch.url, 'POST', '/_session', { 'Content-Type': 'application/json' }, JSON.stringify({ name: ana.username, password: ana.password }));
    expect(login.status).to.equal(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    expect(cookie).to.match(/^AuthSession=./);
    const before = couch.embedded.pid();
    process.kill(before!, 'SIGKILL');
    await waitFor(() => couch.embedded.restarts() === 1, { timeoutMs: 60_000, what: 'the restart' });
    expect(couch.embedded.pid()).to.not.equal(before);
    const session = JSON.parse((await rawRequest(couch.url, 'GET', '/_session', { Cookie: cookie })).body) as { userCtx: unknown };
    expect(session.userCtx).to.deep.equal({ name: 'ana', roles: ['store'] });
  });

  it('upgrades a weak SHA-1 hash to 600,000 iterations on a successful login, keeping the session cookie valid', async function () {
    const salt = randomBytes(16).toString('hex');
    const weak = { _id: 'org.couchdb.user:old', name: 'old', type: 'user', roles: [], password_scheme: 'pbkdf2', iterations: 10, salt, derived_key: pbkdf2Sync('old-pw', salt, 10, 20, 'sha1').toString('hex') };
    expect((await json(couch.url, 'PUT', '/_users/org.couchdb.user:old', couch.admin, weak)).status).to.equal(201);
    const login = await rawRequest(couch.url, 'POST', '/_session', { 'Content-Type': 'application/json' }, JSON.stringify({ name: 'old', password: 'old-pw' }));
    expect(login.status, 'the old hash verifies').to.equal(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    await waitFor(async () => (await json(couch.url, 'GET', '/_users/org.couchdb.user:old', couch.admin)).body.iterations === 600000, { timeoutMs: 30_000, what: 'the upgraded hash' });
    const upgraded = (await json(couch.url, 'GET', '/_users/org.couchdb.user:old', couch.admin)).body;
    expect(upgraded).to.include({ salt, pbkdf2_prf: 'sha256' });
    expect((await json(couch.url, 'GET', '/_session', { username: 'old', password: 'old-pw' })).body.userCtx.name).to.equal('old');
    const session = JSON.parse((await rawRequest(couch.url, 'GET', '/_session', { Cookie: cookie })).body) as { userCtx: { name: string } };
    expect(session.userCtx.name, 'the cookie from before the upgrade').to.equal('old');
  });

  it('refuses a wrong password right after the right one was accepted (the cache is keyed by the password)', async function () {
    expect((await json(couch.url, 'GET', '/_session', ana)).status).to.equal(200);
    expect((await json(couch.url, 'GET', '/_session', { username: 'ana', password: 'ana-password-2' })).status).to.equal(401);
  });

  it('refuses the old password once an admin has changed it', async function () {
    expect((await json(couch.url, 'GET', '/_session', ana)).status).to.equal(200);
    const doc = (await json(couch.url, 'GET', '/_users/org.couchdb.user:ana', couch.admin)).body;
    expect((await json(couch.url, 'PUT', '/_users/org.couchdb.user:ana', couch.admin, { ...doc, password: 'ana-password-3' })).status).to.equal(201);
    expect((await json(couch.url, 'GET', '/_session', ana)).status).to.equal(401);
    expect((await json(couch.url, 'GET', '/_session', { username: 'ana', password: 'ana-password-3' })).status).to.equal(200);
  });

  it('keeps every directory under its folder 0700 and every file 0600, older ones included', async function () {
    expect((await json(couch.url, 'PUT', '/catalog', couch.admin)).status).to.equal(201);
    expect((await json(couch.url, 'PUT', '/catalog/x', couch.admin, { _id: 'x' })).status).to.equal(201);
    const tree = await listTree(couch.dir);
    expect(tree.map((e) => e.path)).to.include.members(['config.json', 'old-db/LOG', '_users', 'catalog']);
    const loose = tree.filter((e) => e.mode !== (e.dir ? 0o700 : 0o600));
    expect(loose).to.deep.equal([]);
  });
});
