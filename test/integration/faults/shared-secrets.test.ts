// Several centrals on one CouchDB must hold the same secrets (central/fingerprints): the first
// publishes keyed fingerprints of them, a second holding the same starts, one holding a different
// secret refuses to start naming it and writes nothing, the fingerprints are the server admin's
// alone, and `pronto-sync secrets publish` is the one way to change them (a rotation).
import { expect } from 'chai';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type Nano from 'nano';
import { loadConfig } from '../../../central/config.js';
import { createLogger } from '../../../central/logger.js';
import { startCentral } from '../../../central/server.js';
import { FINGERPRINTS_DB, FINGERPRINTS_DOC, SHARED_SECRETS, readFingerprints } from '../../../central/fingerprints/index.js';
import { basic } from '../../helpers/demo-central.js';
import { startChildCentral, type ChildCentral } from '../../helpers/chaos/child-central.js';
import { client } from '../auth/auth-client.js';
import { runCli } from '../cli/run-cli.js';

const newSecret = () => randomBytes(32).toString('base64url');

/**
 * Every database's documents and the revisions of each (`_changes`, every leaf): equal before and
 * after = nothing written. Not `update_seq`: on a CouchDB cluster it names the copies it was read
 * from, and two reads of an unchanged database differ.
 */
async function snapshot(nano: Nano.ServerScope): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const db of await nano.db.list()) {
    const changes = await nano.db.changes(db, { style: 'all_docs' } as never);
    const leaves = changes.results.map((r) => `${r.id} ${r.changes.map((c) => c.rev).sort().join(',')}${r.deleted ? ' deleted' : ''}`).sort();
    out[db] = createHash('sha256').update(leaves.join('\n')).digest('hex');
  }
  return out;
}

/** A snapshot two reads in a row agree on (20 at most): on a cluster `_changes` reads one copy of
 *  each shard, and a copy may still be taking the last writes of the central started before. */
async function settledSnapshot(nano: Nano.ServerScope): Promise<Record<string, string>> {
  let last = await snapshot(nano);
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const next = await snapshot(nano);
    if (JSON.stringify(next) === JSON.stringify(last)) return next;
    last = next;
  }
  return last;
}

async function thrown(fn: () => Promise<unknown>): Promise<Error & { code?: string; details?: Record<string, unknown> }> {
  try {
    await fn();
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected an error');
}

describe('shared secrets of several centrals on one CouchDB (integration)', function () {
  this.timeout(300_000);
  let first: ChildCentral;
  let second: ChildCentral | undefined;
  let nano: Nano.ServerScope;
  const dirs: string[] = [];
  const tmpDir = async () => { const d = await mkdtemp(path.join(os.tmpdir(), 'pronto-secrets-')); dirs.push(d); return d; };

  before(async () => {
    first = await startChildCentral();
    nano = first.demo.central.state.couch.nano;
  });
  after(async () => {
    await second?.demo.stop();
    await first?.demo.stop();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('publishes one fingerprint per shared secret at the first start, none of them the secret', async () => {
    const published = await readFingerprints(nano);
    expect(Object.keys(published ?? {}).sort()).to.deep.equal([...SHARED_SECRETS].sort());
    const stored = JSON.stringify(await nano.use(FINGERPRINTS_DB).get(FINGERPRINTS_DOC));
    for (const value of Object.values(await first.secretsEnv())) expect(stored).not.to.include(value);
  });

  it('starts a second central holding the same secrets, and a console session works on both', async () => {
    second = await startChildCentral(first);
    const admin = first.demo.account('chain-admin');
    const c = client(first.url);
    expect((await c.call('POST', '/api/session', { body: { name: admin.name, password: admin.password } })).status).to.equal(200);
    const res = await fetch(`${second.url}/api/session`, { headers: c.jar.header() });
    expect(res.status, 'a session made by the first central, read by the second').to.equal(200);
  });

  for (const name of SHARED_SECRETS) {
    it(`refuses to start a central whose ${name} differs, naming it, and writes nothing`, async () => {
      const before = await settledSnapshot(nano);
      const env = { ...(await first.secretsEnv()), [name]: newSecret() };
      const err = await thrown(async () => startCentral(loadConfig({
        DATA_DIR: await tmpDir(), PORT: '0', COUCHDB_URL: await first.couchUrl(), LOG_LEVEL: 'silent', ...env,
      }), createLogger('silent')));
      expect(err.code, err.stack).to.equal('SECRET_MISMATCH');
      expect(err.details).to.include({ database: FINGERPRINTS_DB });
      expect(err.details?.secrets).to.deep.equal([name]);
      expect(err.message).to.match(new RegExp(`^${name} differs`));
      for (const value of Object.values(env)) expect(err.message).not.to.include(value);
      expect(await snapshot(nano), 'every database as it was').to.deep.equal(before);
    });
  }

  it('makes `pronto-sync start` exit non-zero with the named secret on stderr', async () => {
    const env = { ...(await first.secretsEnv()), CUSTOMER_INDEX_KEY: newSecret(), COUCHDB_URL: await first.couchUrl(), DATA_DIR: await tmpDir(), PORT: '0' };
    const run = await runCli(['start'], env, 60_000);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.match(/^pronto-sync: SECRET_MISMATCH: CUSTOMER_INDEX_KEY differs/);
    expect(run.stderr).to.include('DATA_DIR/customer-index-key');
    expect(run.stderr).not.to.include(env.CUSTOMER_INDEX_KEY);
  });

  it('makes `pronto-sync resolve` (it writes audit entries) refuse another AUDIT_KEY', async () => {
    const env = { COUCHDB_URL: await first.couchUrl(), DATA_DIR: await tmpDir(), AUDIT_KEY: newSecret() };
    const run = await runCli(['resolve'], env, 60_000);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.match(/^pronto-sync: SECRET_MISMATCH: AUDIT_KEY differs/);
  });

  it('keeps the fingerprints from cashiers, managers and chain admins, through /db and on CouchDB itself', async () => {
    const couch = new URL(await first.couchUrl());
    couch.username = '';
    couch.password = '';
    const bases = [`${first.url}/db`, couch.toString().replace(/\/$/, '')];
    const doc = (await nano.use(FINGERPRINTS_DB).get(FINGERPRINTS_DOC)) as unknown as { _rev: string; fingerprints: Record<string, string> };
    const leaked = Object.values(doc.fingerprints);
    for (const who of ['cashier-s1', 'manager-s1', 'chain-admin']) {
      const account = first.demo.account(who);
      const auth = { ...basic(account.name, account.password), 'Content-Type': 'application/json' };
      for (const base of bases) {
        const db = `${base}/${FINGERPRINTS_DB}`;
        const attempts: Array<[string, string, unknown]> = [
          ['GET', `${db}/${FINGERPRINTS_DOC}`, undefined],
          ['GET', `${db}/_all_docs?include_docs=true`, undefined],
          ['GET', `${db}/_changes?include_docs=true`, undefined],
          ['PUT', `${db}/${FINGERPRINTS_DOC}`, { ...doc, fingerprints: {} }],
          ['DELETE', `${db}/${FINGERPRINTS_DOC}?rev=${doc._rev}`, undefined],
          ['POST', `${db}/_bulk_docs`, { docs: [{ ...doc, fingerprints: {} }] }],
          ['PUT', `${db}/_security`, { admins: {}, members: {} }],
        ];
        for (const [method, url, body] of attempts) {
          const res = await fetch(url, { method, headers: auth, body: body === undefined ? undefined : JSON.stringify(body) });
          const text = await res.text();
          // The embedded server answers a refused _bulk_docs 201 with an error per document; CouchDB 403.
          const refusedEach = res.status === 201 && url.endsWith('_bulk_docs') && (JSON.parse(text) as Array<{ error?: string }>).every((r) => r.error === 'unauthorized' || r.error === 'forbidden');
          if (!refusedEach) expect(res.status, `${who} ${method} ${url}: ${text}`).to.be.oneOf([401, 403, 404]);
          for (const f of leaked) expect(text, `${who} ${method} ${url}`).not.to.include(f);
        }
      }
    }
    expect(((await nano.use(FINGERPRINTS_DB).get(FINGERPRINTS_DOC)) as { _rev: string })._rev, 'the document unchanged').to.equal(doc._rev);
  });

  it('changes the fingerprints only through `pronto-sync secrets publish`, and a data key only with --force', async () => {
    const secrets = await first.secretsEnv();
    const common = { COUCHDB_URL: await first.couchUrl(), DATA_DIR: await tmpDir() };
    const before = await readFingerprints(nano);
    const empty = await runCli(['secrets', 'publish'], common);
    expect(empty.code, 'it never generates a secret to publish').to.equal(1);
    expect(empty.stderr).to.match(/CONFIG_INVALID: CUSTOMER_DATA_KEY is not set and \S+customer-data-key holds none/);
    expect(await readdir(common.DATA_DIR)).to.deep.equal([]);
    const guarded = await runCli(['secrets', 'publish'], { ...common, ...secrets, AUDIT_KEY: newSecret() });
    expect(guarded.code, guarded.stderr).to.equal(1);
    expect(guarded.stderr).to.match(/AUDIT_KEY would change.*Nothing published/s);
    expect(await readFingerprints(nano)).to.deep.equal(before);

    const rotated = { ...secrets, SESSION_SECRET: newSecret() };
    const run = await runCli(['secrets', 'publish'], { ...common, ...rotated });
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.include('published new fingerprints for SESSION_SECRET');
    const after = await readFingerprints(nano);
    expect(after?.SESSION_SECRET).not.to.equal(before?.SESSION_SECRET);
    expect({ ...after, SESSION_SECRET: undefined }).to.deep.equal({ ...before, SESSION_SECRET: undefined });

    // The new secret starts; the old one is now the one refused.
    const rotatedCentral = await startCentral(loadConfig({ DATA_DIR: await tmpDir(), PORT: '0', COUCHDB_URL: common.COUCHDB_URL, LOG_LEVEL: 'silent', ...rotated }), createLogger('silent'));
    await rotatedCentral.stop();
    const old = await thrown(async () => startCentral(loadConfig({ DATA_DIR: await tmpDir(), PORT: '0', COUCHDB_URL: common.COUCHDB_URL, LOG_LEVEL: 'silent', ...secrets }), createLogger('silent')));
    expect(old.code).to.equal('SECRET_MISMATCH');
    expect(old.details?.secrets).to.deep.equal(['SESSION_SECRET']);

    const again = await runCli(['secrets', 'publish'], { ...common, ...rotated });
    expect(again.code).to.equal(0);
    expect(again.stdout).to.include('nothing to publish');
    const trail = await nano.use<{ action?: string; details?: { changed?: string[] } }>('audit').list({ include_docs: true });
    expect(trail.rows.filter((r) => r.doc?.action === 'secrets.published').map((r) => r.doc?.details?.changed)).to.deep.equal([['SESSION_SECRET']]);
  });
});
