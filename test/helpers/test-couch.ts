// A real embedded CouchDB-compatible server for integration tests: its own temp data folder, a
// free loopback port, a random admin password, and setup applied. Each test suite starts one.
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
  /** The supervised server process (to kill it in fault tests). */
  embedded: EmbeddedCouch;
  createStore(id: string): Promise<TestStore>;
  stop(): Promise<void>;
}

export async function startTestCouch(): Promise<TestCouch> {
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
    url: couch.url,
    adminAuth,
    nano,
    embedded: couch,
    async createStore(id) {
      const stamp = `${new Date().toISOString()}-0000-central`;
      await nano.use('catalog').insert({
        _id: `store:${id}`, type: 'store', store: id, name: `Store ${id}`, timezone: 'America/Mexico_City',
        active: true, updatedAt: stamp, updatedBy: 'test',
      } as never);
      await setupStoreDatabase(nano, id);
      const account = { username: `device-${id}`, password: randomBytes(12).toString('hex') };
      await ensureUser(nano, { name: account.username, password: account.password, roles: [roles.anyStore, roles.store(id), 'device'] });
      return { storeDbUrl: `${couch.url}/store-${id}`, catalogUrl: `${couch.url}/catalog`, account };
    },
    async stop() {
      await couch.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
