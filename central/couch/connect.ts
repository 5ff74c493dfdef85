// Connects central to its CouchDB: the real one at COUCHDB_URL, or the embedded server started
// here. Everything after this speaks only the CouchDB HTTP API through nano.
import Nano from 'nano';
import type { Agent } from 'undici';
import path from 'node:path';
import type { Logger } from 'pino';
import type { CentralConfig } from '../config.js';
import { ProntoError } from '../../validators/errors.js';
import { resolveAdminPassword } from './admin-password.js';
import { startEmbeddedCouch, type EmbeddedCouch } from './embedded.js';
import { tightenModes } from './tighten-modes.js';
import { mkdir } from 'node:fs/promises';
import { waitForCouch, type CouchInfo } from './wait-for-couch.js';
import { couchDispatcher } from './couch-pool.js';

export interface CouchConnection {
  /** Base URL without credentials. */
  readonly url: string;
  readonly auth: { username: string; password: string };
  readonly nano: Nano.ServerScope;
  /** nano's bounded, kept-alive pool to CouchDB (couch-pool.ts); closed with the connection. */
  readonly dispatcher: Agent;
  readonly info: CouchInfo;
  readonly embedded: EmbeddedCouch | undefined;
  close(): Promise<void>;
}

export async function connectCouch(config: CentralConfig, log: Logger): Promise<CouchConnection> {
  // DATA_DIR holds every secret (and the embedded server's files): 0700/0600, older installs
  // included, whichever CouchDB central uses.
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const tightened = await tightenModes(config.dataDir);
  if (tightened > 0) log.info({ dataDir: config.dataDir, entries: tightened }, 'made DATA_DIR private to its owner (0700/0600)');
  const { url, auth, embedded } = config.couchdbUrl === undefined
    ? await startEmbedded(config, log)
    : remoteCouch(config.couchdbUrl, config);
  // parseUrl: false — nano 11 otherwise takes a URL's last path segment for a database and
  // returns a database scope, so a CouchDB behind a path prefix (`https://host/couch`) broke.
  // nano's own types do not declare the option (lib/nano.js reads it), hence the widened type.
  const dispatcher = couchDispatcher();
  // nano passes `agentOptions` as fetch's dispatcher when it is an undici Dispatcher (lib/nano.js);
  // its types declare the class, not an instance, hence the cast.
  const options: Nano.Configuration & { parseUrl: boolean } = { url: withCredentials(url, auth), parseUrl: false, agentOptions: dispatcher as unknown as Nano.Configuration['agentOptions'] };
  const nano = Nano(options);
  try {
    const info = await waitForCouch(url, auth, 30_000);
    log.info({ couch: url, version: info.version, vendor: info.vendor, embedded: embedded !== undefined }, 'CouchDB reachable');
    return { url, auth, nano, dispatcher, info, embedded, close: async () => { await dispatcher.close(); await embedded?.stop(); } };
  } catch (err) {
    await dispatcher.close();
    await embedded?.stop();
    throw err;
  }
}

async function startEmbedded(config: CentralConfig, log: Logger) {
  const admin = await resolveAdminPassword(config.dataDir, config.adminPassword);
  if (admin.generated) {
    // Printed once, on the terminal only: never into the structured log.
    process.stderr.write(
      `\nGenerated the CouchDB admin password for "${config.adminUser}": ${admin.password}\n` +
        `It is kept in ${admin.file} (mode 0600). It will not be printed again.\n\n`,
    );
  }
  const embedded = await startEmbeddedCouch(
    { dir: path.join(config.dataDir, 'couch'), port: config.couchPort, adminUser: config.adminUser, adminPassword: admin.password },
    log,
  );
  log.info({ port: embedded.port, fauxton: `${embedded.url}/_utils/` }, 'embedded CouchDB-compatible server started');
  return { url: embedded.url, auth: { username: config.adminUser, password: admin.password }, embedded };
}

/** COUCHDB_URL split into a URL without credentials and the admin credentials (from it, else ADMIN_USER / ADMIN_PASSWORD). */
export function remoteCouch(raw: string, config: Pick<CentralConfig, 'adminUser' | 'adminPassword'>) {
  const parsed = new URL(raw);
  const username = decodeURIComponent(parsed.username) || config.adminUser;
  const password = decodeURIComponent(parsed.password) || config.adminPassword;
  if (password === undefined) {
    throw new ProntoError('CONFIG_INVALID', 'COUCHDB_URL has no credentials: put them in the URL or set ADMIN_USER and ADMIN_PASSWORD');
  }
  parsed.username = '';
  parsed.password = '';
  const url = parsed.toString().replace(/\/$/, '');
  return { url, auth: { username, password }, embedded: undefined };
}

/** nano takes the credentials from the URL and turns them into a Basic header (and scrubs them from errors). */
export function withCredentials(url: string, auth: { username: string; password: string }): string {
  const u = new URL(url);
  u.username = encodeURIComponent(auth.username);
  u.password = encodeURIComponent(auth.password);
  return u.toString().replace(/\/$/, '');
}
