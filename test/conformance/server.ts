// The server the conformance suite runs against: the Apache CouchDB named by COUCHDB_URL
// (credentials of a server admin in the URL), or else the embedded server that `npm start`
// uses, started once for the whole mocha run. Each suite takes a scope of it: the databases and
// `_users` accounts it makes are named `conf-<run>-…` and deleted by `cleanup()`, so a run never
// touches anything it did not create on a shared server. The embedded server's door routes only
// the project's database names (central/couch/couch-route.ts), so there they are `pronto-conf-…`,
// at most 38 characters.
import { randomBytes } from 'node:crypto';
import { startEmbeddedTestCouch, type TestCouch } from '../helpers/test-couch.js';
import type { EmbeddedCouch } from '../../central/couch/embedded.js';
import { waitFor } from '../helpers/wait-for.js';
import { couch, type Caller, type CouchResponse, type Credentials, type RequestOptions } from './http.js';

export type Vendor = 'couchdb' | 'embedded';

export interface ConformanceServer {
  /** Base URL, no credentials, no trailing slash. */
  readonly url: string;
  readonly admin: Credentials;
  /** From `GET /`: Apache CouchDB ("couchdb": "Welcome") or the embedded express-pouchdb. */
  readonly vendor: Vendor;
  readonly version: string;
  /** Nodes in the cluster (`GET /_membership`): more than 1 on a CouchDB cluster, 1 on a single node or the embedded server. */
  readonly nodes: number;
  /** A fresh database name (not created), deleted by `cleanup()`. */
  db(name: string): string;
  /** A fresh `_users` account name (not created), whose document `cleanup()` deletes. */
  userName(name: string): string;
  /** Creates a fresh database as the admin and returns its name. */
  createDb(name: string, security?: object): Promise<string>;
  /**
   * How many copies each shard of `db` has (`cluster.n`; 1 on one node and the embedded server).
   * A write with `?w=<that>` returns once every copy holds it: on a cluster a read right after a
   * quorum write (or a write checked against a design doc just written) may meet a copy without it.
   */
  copies(db: string): Promise<number>;
  /** Creates a fresh account as the admin and returns its credentials. */
  createUser(name: string, roles?: string[]): Promise<Credentials>;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<CouchResponse<T>>;
  /** A request as the server admin. */
  asAdmin<T = any>(method: string, path: string, options?: Omit<RequestOptions, 'as'>): Promise<CouchResponse<T>>;
  /** Kills the embedded server and waits for its supervisor to bring it back; undefined on an external server. */
  readonly restart: (() => Promise<void>) | undefined;
  /** Deletes every database and account this scope created. */
  cleanup(): Promise<void>;
}

type EmbeddedTestCouch = TestCouch & { embedded: EmbeddedCouch };

interface Target { url: string; admin: Credentials; vendor: Vendor; version: string; nodes: number; embedded: EmbeddedTestCouch | undefined }

const DB_NAMES: Record<Vendor, { prefix: string; maxLength: number }> = {
  couchdb: { prefix: 'conf-', maxLength: 200 },
  embedded: { prefix: 'pronto-conf-', maxLength: 38 },
};

// Read here, not through a config module: the suite's only setting, and it picks the target.
const EXTERNAL = process.env.COUCHDB_URL;
const RUN = randomBytes(3).toString('hex');
let target: Promise<Target> | undefined;
let scopes = 0;

// A root-level hook (this module is loaded while mocha reads the spec files): the embedded
// server lives until the whole run ends, so suites share one start-up.
if (typeof after === 'function') {
  after(async function () {
    const started = await target;
    await started?.embedded?.stop();
  });
}

export async function conformanceServer(): Promise<ConformanceServer> {
  target ??= openTarget();
  const t = await target;
  const scope = `${RUN}-${++scopes}-`;
  const dbs = new Set<string>();
  const users = new Set<string>();
  let count = 0;
  const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  const fresh = (prefix: string, name: string, maxLength: number) => {
    const tail = `-${++count}`;
    const room = maxLength - prefix.length - scope.length - tail.length;
    return `${prefix}${scope}${slug(name).slice(0, room).replace(/-+$/, '')}${tail}`;
  };
  const request = <T>(method: string, path: string, options?: RequestOptions) => couch<T>(t.url, method, path, options);
  const asAdmin = <T>(method: string, path: string, options: Omit<RequestOptions, 'as'> = {}) => request<T>(method, path, { ...options, as: t.admin });

  const server: ConformanceServer = {
    url: t.url,
    admin: t.admin,
    vendor: t.vendor,
    version: t.version,
    nodes: t.nodes,
    db(name) { const db = fresh(DB_NAMES[t.vendor].prefix, name, DB_NAMES[t.vendor].maxLength); dbs.add(db); return db; },
    userName(name) { const user = fresh('conf-', name, 100); users.add(user); return user; },
    async createDb(name, security) {
      const db = server.db(name);
      await expectOk(asAdmin('PUT', `/${db}`), `create database ${db}`);
      if (security !== undefined) await expectOk(asAdmin('PUT', `/${db}/_security`, { body: security }), `set _security of ${db}`);
      return db;
    },
    async createUser(name, roles = []) {
      const username = server.userName(name);
      const password = randomBytes(9).toString('hex');
      await expectOk(asAdmin('PUT', `/_users/org.couchdb.user:${username}`, { body: { _id: `org.couchdb.user:${username}`, name: username, type: 'user', roles, password } }), `create user ${username}`);
      return { username, password };
    },
    async copies(db) {
      return (await asAdmin<{ cluster?: { n?: number } }>('GET', `/${db}`)).body.cluster?.n ?? 1;
    },
    request,
    asAdmin,
    restart: t.embedded === undefined ? undefined : () => restartEmbedded(t.embedded!),
    async cleanup() {
      for (const db of dbs) await asAdmin('DELETE', `/${db}`);
      for (const user of users) {
        const id = `/_users/${encodeURIComponent(`org.couchdb.user:${user}`)}`;
        const doc = await asAdmin<{ _rev?: string }>('GET', id);
        if (doc.status === 200) await asAdmin('DELETE', `${id}?rev=${doc.body._rev}`);
      }
      dbs.clear();
      users.clear();
    },
  };
  return server;
}

async function openTarget(): Promise<Target> {
  let url: string;
  let admin: Credentials;
  let embedded: EmbeddedTestCouch | undefined;
  if (EXTERNAL !== undefined && EXTERNAL !== '') {
    const parsed = new URL(EXTERNAL);
    admin = { username: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
    parsed.username = '';
    parsed.password = '';
    url = parsed.toString().replace(/\/$/, '');
  } else {
    embedded = await startEmbeddedTestCouch();
    url = embedded.url;
    admin = embedded.adminAuth;
  }
  const welcome = await couch<{ couchdb?: string; version?: string }>(url, 'GET', '/');
  const vendor: Vendor = welcome.body.couchdb === 'Welcome' ? 'couchdb' : 'embedded';
  const session = await couch<{ userCtx?: { roles?: string[] } }>(url, 'GET', '/_session', { as: admin });
  if (!(session.body.userCtx?.roles ?? []).includes('_admin')) throw new Error(`COUCHDB_URL must name a server admin of ${url}`);
  const membership = vendor === 'couchdb' ? await couch<{ cluster_nodes?: string[] }>(url, 'GET', '/_membership', { as: admin }) : undefined;
  const nodes = Math.max(1, membership?.body.cluster_nodes?.length ?? 1);
  return { url, admin, vendor, version: welcome.body.version ?? 'unknown', nodes, embedded };
}

async function restartEmbedded(embedded: EmbeddedTestCouch): Promise<void> {
  const before = embedded.embedded.pid();
  if (before === undefined) throw new Error('the embedded server has no process');
  process.kill(before, 'SIGKILL');
  await waitFor(async () => {
    if (embedded.embedded.pid() === before) return false;
    try { return (await fetch(embedded.url)).ok; } catch { return false; }
  }, { timeoutMs: 30_000, what: 'the embedded server to be restarted by its supervisor' });
}

async function expectOk(pending: Promise<CouchResponse>, what: string): Promise<void> {
  const res = await pending;
  if (res.status >= 300) throw new Error(`could not ${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
}

export type { Caller, Credentials };
