// A real server for integration tests, setup applied. Each test suite starts one: the embedded
// CouchDB-compatible server in its own temp data folder, on a free loopback port, with a random
// admin password; or, with COUCHDB_URL, the disposable Apache CouchDB it names, wiped first
// (test/helpers/external-couch.ts says why the whole server, not a database prefix).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Nano from 'nano';
import { pino } from 'pino';
import { startEmbeddedCouch, type EmbeddedCouch } from '../../central/couch/embedded.js';
import { runSetup, setupStoreDatabase } from '../../central/setup/run-setup.js';
import { ensureUser } from '../../central/setup/ensure-user.js';
import { roles } from '../../central/setup/security.js';
import { externalCouchUrl, parseExternalCouch, wipeTestServer } from './external-couch.js';
import { prehashedUser, type SharedHash } from '../load/prehashed-accounts.js';

export interface TestStore {
  storeDbUrl: string;
  catalogUrl: string;
  /** A device account of this store (roles store, store:<id>, device). */
  account: { username: string; password: string };
}

export interface TestCouch {
  /** Base URL without credentials. */
  url: string;
  adminAuth: { username: string; password: string };
  nano: Nano.ServerScope;
  /** The supervised server process (to kill it in fault tests); undefined against COUCHDB_URL. */
  embedded: EmbeddedCouch | undefined;
  /** A store: its catalog entry, database (design doc, security) and device account. With
   *  `prehashed`, the account is written already hashed (one PBKDF2 shared by every store
   *  instead of one each: the benchmarks' stores); its first sign-in still costs a PBKDF2. */
  createStore(id: string, opts?: { prehashed?: SharedHash }): Promise<TestStore>;
  stop(): Promise<void>;
}

export async function startTestCouch(): Promise<TestCouch> {
  const external = externalCouchUrl();
  if (external !== undefined) {
    const server = parseExternalCouch(external);
    await wipeTestServer(server);
    await runSetup(server.nano);
    return withStores(server.url, server.adminAuth, server.nano, undefined, async () => undefined);
  }
  return startEmbeddedTestCouch();
}

/** The embedded server always, whatever COUCHDB_URL says (a benchmark measures its process). */
export async function startEmbeddedTestCouch(): Promise<TestCouch & { embedded: EmbeddedCouch }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pronto-couch-'));
  const adminAuth = { username: 'admin', password: randomBytes(12).toString('hex') };
  const log = pino({ level: 'silent' });
  const couch = await startEmbeddedCouch({ dir, port: 0, adminUser: adminAuth.username, adminPassword: adminAuth.password }, log);
  const withCreds = new URL(couch.url);
  withCreds.username = adminAuth.username;
  withCreds.password = adminAuth.password;
  const nano = Nano(withCreds.toString().replace(/\/$/, ''));
  await runSetup(nano);
  return {
    ...withStores(couch.url, adminAuth, nano, couch, async () => {
      await couch.stop();
      await rm(dir, { recursive: true, force: true });
    }),
    embedded: couch,
  };
}

function withStores(url: string, adminAuth: TestCouch['adminAuth'], nano: Nano.ServerScope, embedded: EmbeddedCouch | undefined, stop: () => Promise<void>): TestCouch {
  return {
    url,
    adminAuth,
    nano,
    embedded,
    stop,
    async createStore(id, opts = {}) {
      const stamp = `${new Date().toISOString()}-0000-central`;
      await nano.use('catalog').insert({
        _id: `store:${id}`, type: 'store', store: id, name: `Store ${id}`, timezone: 'America/Mexico_City',
        active: true, updatedAt: stamp, updatedBy: 'test',
      } as never);
      await setupStoreDatabase(nano, id);
      const username = `device-${id}`;
      const accountRoles = [roles.anyStore, roles.store(id), 'device'];
      const { prehashed } = opts;
      if (prehashed) await nano.use('_users').insert(prehashedUser(username, accountRoles, prehashed) as never);
      const account = { username, password: prehashed?.password ?? randomBytes(12).toString('hex') };
      if (!prehashed) await ensureUser(nano, { name: username, password: account.password, roles: accountRoles });
      return { storeDbUrl: `${url}/store-${id}`, catalogUrl: `${url}/catalog`, account };
    },
  };
}

/**
 * The embedded server's process, for a test that kills it; against COUCHDB_URL the test is skipped
 * (the suite cannot kill or restart a server it did not start), saying so.
 */
export function embeddedOrSkip(test: Mocha.Context, couch: TestCouch): EmbeddedCouch {
  if (couch.embedded === undefined) {
    test.skip(); // throws: mocha reports the test as pending
  }
  return couch.embedded!;
}
