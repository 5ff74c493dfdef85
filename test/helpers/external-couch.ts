// The Apache CouchDB named by COUCHDB_URL, when the suite runs against one (`COUCHDB_URL=… npm test`).
//
// Central's database names are fixed (catalog, customers, audit, store-<id>, pronto-*) and its
// accounts live in the server-wide `_users`, granted roles (`store:<id>`, `admin`) that every
// database's `_security` trusts. A database prefix cannot isolate a run from other data on the
// same server: a test account with role `store:s1` would be a member of a real `store-s1`. So the
// suite runs against a DISPOSABLE server only: one that is empty when first used (it is then
// marked with the database `pronto-test-server`), or already carries the mark. Every suite starts
// from a wiped server (every database but the system ones and the mark, every `_users` account),
// and the run wipes it again when it ends.
import Nano from 'nano';

export const TEST_SERVER_MARK = 'pronto-test-server';
const SYSTEM_DBS = new Set(['_users', '_replicator', '_global_changes', TEST_SERVER_MARK]);

export interface ExternalCouch {
  /** Base URL, no credentials, no trailing slash (a path prefix is kept). */
  url: string;
  adminAuth: { username: string; password: string };
  nano: Nano.ServerScope;
}

/** COUCHDB_URL when set and not empty: the suite then runs against that server. */
export function externalCouchUrl(): string | undefined {
  const url = process.env.COUCHDB_URL;
  return url === undefined || url === '' ? undefined : url;
}

export function parseExternalCouch(raw: string): ExternalCouch {
  const parsed = new URL(raw);
  const adminAuth = { username: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
  if (adminAuth.username === '') throw new Error('COUCHDB_URL must carry a server admin\'s credentials: http://admin:password@host:5984');
  const withCreds = parsed.toString().replace(/\/$/, '');
  parsed.username = '';
  parsed.password = '';
  const url = parsed.toString().replace(/\/$/, '');
  // parseUrl: false, as central connects (central/couch/connect.ts): a path prefix is not a database.
  const nano = Nano({ url: withCreds, parseUrl: false } as Nano.Configuration);
  return { url, adminAuth, nano };
}

let claimed: ExternalCouch | undefined;

// A root-level hook (this module is loaded while mocha reads the spec files): when the run used
// the external server, it ends with the server wiped.
if (typeof after === 'function') {
  after(async function () {
    if (claimed === undefined) return;
    this.timeout(120_000);
    await wipe(claimed);
  });
}

/**
 * Claims the server for the tests (refusing one that holds data and is not marked) and wipes it:
 * every database but the system ones and the mark, every `_users` account.
 */
export async function wipeTestServer(couch: ExternalCouch): Promise<void> {
  const dbs = await couch.nano.db.list();
  if (!dbs.includes(TEST_SERVER_MARK)) {
    const foreign = dbs.filter((db) => !SYSTEM_DBS.has(db));
    if (foreign.length > 0) {
      throw new Error(`COUCHDB_URL ${couch.url} holds databases (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''}) `
        + `and is not a test server: the tests wipe every database and _users account between suites. `
        + `Point COUCHDB_URL at an empty, disposable CouchDB (it is marked "${TEST_SERVER_MARK}" on first use).`);
    }
    await couch.nano.db.create(TEST_SERVER_MARK);
  }
  for (const db of ['_users', '_replicator']) if (!dbs.includes(db)) await couch.nano.db.create(db);
  claimed = couch;
  await wipe(couch);
}

async function wipe(couch: ExternalCouch): Promise<void> {
  for (const db of await couch.nano.db.list()) if (!SYSTEM_DBS.has(db)) await couch.nano.db.destroy(db);
  await deleteAccounts(couch.nano);
}

async function deleteAccounts(nano: Nano.ServerScope): Promise<void> {
  const users = nano.use('_users');
  const all = await users.list({ startkey: 'org.couchdb.user:', endkey: 'org.couchdb.user:\ufff0' });
  if (all.rows.length === 0) return;
  // The tombstone keeps the account's name: the next suite makes an account of the same name on
  // top of it, and `_users`' validate_doc_update refuses a replicated write whose stored
  // ancestor names another user ("Usernames can not be changed"), a bare tombstone included.
  // On a cluster such writes mend copies a race left behind (exclusive-writes.ts).
  await users.bulk({ docs: all.rows.map((row) => ({ _id: row.id, _rev: row.value.rev, _deleted: true, name: row.id.slice('org.couchdb.user:'.length) })) } as never);
}

/**
 * The environment a test's central adds to its own: against COUCHDB_URL, that server (wiped first
 * unless `fresh` is false, for a restart on the same data) with the demo chain seeded, as the
 * embedded server seeds it by default. Empty on the embedded server.
 */
export async function testCentralEnv(options: { fresh?: boolean } = {}): Promise<Record<string, string>> {
  const external = externalCouchUrl();
  if (external === undefined) return {};
  if (options.fresh !== false) await wipeTestServer(parseExternalCouch(external));
  return { COUCHDB_URL: external, DEMO: 'on' };
}

/** The server admin's name of a test's central: `admin` on the embedded server, or COUCHDB_URL's. */
export function testAdminUser(): string {
  const external = externalCouchUrl();
  return external === undefined ? 'admin' : parseExternalCouch(external).adminAuth.username;
}

/** The server admin's password of a test's central: the one generated in DATA_DIR, or COUCHDB_URL's. */
export async function testAdminPassword(dataDir: string): Promise<string> {
  const external = externalCouchUrl();
  if (external !== undefined) return parseExternalCouch(external).adminAuth.password;
  const { readFile } = await import('node:fs/promises');
  const path = await import('node:path');
  return (await readFile(path.join(dataDir, 'admin-password'), 'utf8')).trim();
}
