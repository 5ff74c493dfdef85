// The server a scenario runs against: a fresh embedded server (test/helpers/test-couch.ts) by
// default, or the CouchDB at `COUCHDB_URL` (its credentials are the admin's). On a CouchDB that
// may hold other data, setup runs as central's does, and every store and database a scenario
// creates gets a name unique to this run, so runs never meet; `stop()` removes what was created
// (and what central wrote about it, but for the append-only audit trail: ./couch-clean-up.ts).
// Longer than most files: the two targets stay side by side, one contract.
import { randomBytes } from 'node:crypto';
import Nano from 'nano';
import { startTestCouch } from '../../test/helpers/test-couch.js';
import { sharedHash, type SharedHash } from '../../test/load/prehashed-accounts.js';
import { runSetup, setupStoreDatabase } from '../../central/setup/run-setup.js';
import { ensureUser } from '../../central/setup/ensure-user.js';
import { roles } from '../../central/setup/security.js';
import { deleteDoc, deleteDocs, deleteTagged, TRACES } from './couch-clean-up.js';
import { couchError, isStatus } from '../../central/couch/errors.js';
import { ProntoError } from '../../validators/errors.js';
import type { BenchTarget } from './scenario.js';

/** A store as test-couch's `createStore` returns it, plus the store id actually used. */
export interface BenchStore {
  /** The store id: the one asked for on the embedded server, with a run suffix on CouchDB. */
  id: string;
  storeDbUrl: string;
  catalogUrl: string;
  /** A device account of this store (roles store, store:<id>, device). */
  account: { username: string; password: string };
}

export interface BenchServer extends BenchTarget {
  /** Admin client of the server. */
  nano: Nano.ServerScope;
  /** A store with its catalog entry, database (design doc, `_security`) and a device account. */
  createStore(id: string): Promise<BenchStore>;
  /** An empty database, no design doc, named `pronto-bench-<prefix>-<run>` (the embedded server
   *  routes only `pronto-*` and `store-*` beside the shared databases); returns its name. */
  createDatabase(prefix: string): Promise<string>;
  /** A staff account of a store this target created (roles store, store:<id>, `kind`), named `<kind>-<store>`. */
  addAccount(store: string, kind: 'cashier' | 'manager'): Promise<{ username: string; password: string }>;
  /** Documents a scenario wrote into a shared database (catalog, customers): deleted by `stop()` on CouchDB. */
  forget(db: string, ids: readonly string[]): void;
  /** `COUCHDB_URL` itself (credentials included) on CouchDB, for a central started on it; undefined on the embedded server. */
  couchdbUrl: string | undefined;
  /** Removes what this target created (every database on CouchDB), then stops the embedded server. */
  stop(): Promise<void>;
}

/** `COUCHDB_URL`, the one setting of a bench run, read here so that every scenario follows it. */
export const benchCouchUrl = (): string | undefined => process.env.COUCHDB_URL || undefined;

/** Starts an embedded server, or connects to `couchdbUrl` (by default `COUCHDB_URL`) when set;
 *  `null` asks for the embedded server whatever COUCHDB_URL says. */
export async function startTarget(couchdbUrl: string | null = benchCouchUrl() ?? null): Promise<BenchServer> {
  return couchdbUrl ? connectCouch(couchdbUrl) : startEmbedded();
}

let shared: Promise<BenchServer> | undefined;

/** The run's one server for the scenarios whose stores and databases have names of their own
 *  (reconnect, fleet, latency, peer-rxdb, year-old, views, validated-writes): an embedded
 *  server's start and setup cost each of them 1.5–2.5 s (a tenth of a --quick scenario). Started by
 *  the first that asks; `stopSharedTarget()` (bench/run.ts, after the last scenario) stops it, and
 *  on CouchDB removes what those scenarios created. Scenarios using it never stop it. */
export function sharedTarget(): Promise<BenchServer> {
  if (!shared) {
    const starting = startTarget();
    shared = starting;
    // A failed start is not kept: the next scenario that asks tries again.
    starting.then(() => undefined, () => { if (shared === starting) shared = undefined; });
  }
  return shared;
}

/** Stops the shared server, if a scenario started it. */
export async function stopSharedTarget(): Promise<void> {
  const was = shared;
  shared = undefined;
  const server = await was?.then((s) => s, () => undefined);
  await server?.stop();
}

/** For a scenario that cannot clean up after itself on CouchDB (central's conflict records are
 *  never deleted: the audit database's validate_doc_update): throws, saying `why`, unless the
 *  server at `raw` holds no store yet, so that central seeds its demo chain there. */
export async function requireEmptyCouch(raw: string, why: string): Promise<void> {
  const { url, adminAuth } = parseCouchUrl(raw);
  const keys = new URLSearchParams({ startkey: '"store:"', endkey: '"store:\ufff0"', limit: '1' });
  const res = await fetch(`${url}/catalog/_all_docs?${keys}`, { headers: { authorization: `Basic ${Buffer.from(`${adminAuth.username}:${adminAuth.password}`).toString('base64')}` } });
  if (res.status === 404) return;
  if (!res.ok) throw new ProntoError('COUCH_ERROR', `reading the stores of ${url}: ${res.status} ${await res.text()}`);
  if (((await res.json()) as { rows: unknown[] }).rows.length > 0) {
    throw new ProntoError('CONFIG_INVALID', `${why}: it needs a CouchDB of its own with no store yet, and ${url} has stores (start an empty CouchDB for it, and throw it away after)`, { name: 'COUCHDB_URL' });
  }
}

/** Unique suffix of one run: store ids allow `[a-z0-9-]`, at most 31 characters in all. */
export const runTag = (): string => `b${randomBytes(3).toString('hex')}`;

async function startEmbedded(): Promise<BenchServer> {
  const couch = await startTestCouch();
  const tag = runTag();
  // Every store's device account pre-hashed with one shared password and salt, at the server's
  // own iterations: a run makes about 50 stores, and hashing each on the server cost 150–200 ms
  // of set-up apiece. Untimed either way; the first sign-in (signedInOnce) still costs its PBKDF2.
  let hash: Promise<SharedHash> | undefined;
  return {
    kind: 'embedded',
    url: couch.url,
    adminAuth: couch.adminAuth,
    nano: couch.nano,
    async createStore(id) {
      hash ??= sharedHash();
      return signedInOnce({ id, ...(await couch.createStore(id, { prehashed: await hash })) });
    },
    async createDatabase(prefix) {
      const name = scratchName(prefix, tag);
      await couch.nano.db.create(name);
      return name;
    },
    addAccount: (store, kind) => staffAccount(couch.nano, store, kind),
    forget: () => undefined,
    couchdbUrl: undefined,
    stop: () => couch.stop(),
  };
}

/**
 * A new account's first request costs the server a PBKDF2 of its password (600,000 iterations,
 * 150–200 ms on the bench machines; later requests hit its cache). Done here, untimed, so that no
 * side pays it inside its figure: before this, a raw push's first request paid it while ours had
 * signed in during its untimed first sync.
 */
async function signedInOnce(store: BenchStore): Promise<BenchStore> {
  const { username, password } = store.account;
  const res = await fetch(store.storeDbUrl, { headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` }, signal: AbortSignal.timeout(60_000) });
  if (!res.ok) throw new ProntoError('COUCH_ERROR', `signing in as ${username} to ${store.storeDbUrl}: ${res.status} ${await res.text()}`);
  await res.body?.cancel();
  return store;
}

async function staffAccount(nano: Nano.ServerScope, store: string, kind: 'cashier' | 'manager') {
  const account = { username: `${kind}-${store}`, password: randomBytes(12).toString('hex') };
  await ensureUser(nano, { name: account.username, password: account.password, roles: [roles.anyStore, roles.store(store), kind] });
  return account;
}

function scratchName(prefix: string, tag: string): string {
  const name = `pronto-bench-${prefix}-${tag}`;
  if (!/^pronto-[a-z0-9][a-z0-9-]{0,30}$/.test(name)) throw new ProntoError('BAD_REQUEST', `bench database prefix "${prefix}" is not [a-z0-9-], or too long`);
  return name;
}

/** Splits `http://user:pass@host:port/` into the base URL and the admin credentials. */
export function parseCouchUrl(raw: string): Pick<BenchTarget, 'url' | 'adminAuth'> {
  const url = new URL(raw);
  if (!url.username || !url.password) {
    throw new ProntoError('CONFIG_INVALID', 'COUCHDB_URL must carry the admin credentials: http://admin:password@host:5984', { name: 'COUCHDB_URL' });
  }
  const adminAuth = { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  url.username = '';
  url.password = '';
  return { url: url.toString().replace(/\/+$/, ''), adminAuth };
}

async function connectCouch(raw: string): Promise<BenchServer> {
  const { url, adminAuth } = parseCouchUrl(raw);
  const withCreds = new URL(url);
  withCreds.username = encodeURIComponent(adminAuth.username);
  withCreds.password = encodeURIComponent(adminAuth.password);
  // parseUrl: false, or nano takes the last segment of a path prefix (a proxy's /couch) for a database.
  const nano = Nano({ url: withCreds.toString().replace(/\/$/, ''), parseUrl: false } as Nano.Configuration);
  await runSetup(nano);
  const tag = runTag();
  const databases: string[] = [];
  const storeDocs: string[] = [];
  const users: string[] = [];
  const written: Array<{ db: string; ids: readonly string[] }> = [];
  return {
    kind: 'couchdb',
    url,
    adminAuth,
    nano,
    async createStore(id) {
      const store = `${id}-${tag}`;
      const stamp = `${new Date().toISOString()}-0000-central`;
      storeDocs.push(`store:${store}`);
      await nano.use('catalog').insert({
        _id: `store:${store}`, type: 'store', store, name: `Bench store ${store}`, timezone: 'America/Mexico_City',
        active: true, updatedAt: stamp, updatedBy: 'bench',
      } as never);
      databases.push(`store-${store}`);
      await setupStoreDatabase(nano, store);
      const account = { username: `device-${store}`, password: randomBytes(12).toString('hex') };
      users.push(`org.couchdb.user:${account.username}`);
      await ensureUser(nano, { name: account.username, password: account.password, roles: [roles.anyStore, roles.store(store), 'device'] });
      return signedInOnce({ id: store, storeDbUrl: `${url}/store-${store}`, catalogUrl: `${url}/catalog`, account });
    },
    async createDatabase(prefix) {
      const name = scratchName(prefix, tag);
      databases.push(name);
      await nano.db.create(name);
      return name;
    },
    async addAccount(store, kind) {
      users.push(`org.couchdb.user:${kind}-${store}`);
      return staffAccount(nano, store, kind);
    },
    forget(db, ids) {
      written.push({ db, ids });
    },
    couchdbUrl: raw,
    async stop() {
      const failures: string[] = [];
      const attempt = async (what: string, fn: () => Promise<unknown>) => {
        try {
          await fn();
        } catch (err) {
          if (!isStatus(err, 404)) failures.push(`${what}: ${couchError(err, what).message}`);
        }
      };
      for (const { db, ids } of written) await attempt(`deleting ${ids.length} bench document(s) from ${db}`, () => deleteDocs(nano, db, ids));
      for (const db of databases) await attempt(`deleting database ${db}`, () => nano.db.destroy(db));
      for (const id of storeDocs) await attempt(`deleting ${id}`, () => deleteDoc(nano, 'catalog', id));
      for (const id of users) await attempt(`deleting ${id}`, () => deleteDoc(nano, '_users', id));
      // What central wrote about this run's stores and accounts: device and approver entries,
      // statistics, checkpoints… Every such id names a store or account, so it carries the tag.
      for (const db of TRACES) await attempt(`deleting this run's entries in ${db}`, () => deleteTagged(nano, db, tag));
      if (failures.length > 0) throw new ProntoError('COUCH_ERROR', `bench clean-up left things behind on ${url}: ${failures.join('; ')}`);
    },
  };
}
