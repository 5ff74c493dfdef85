// The CouchDB a running central uses, reached from another process (`pronto-sync status`, `seed`)
// without starting anything: COUCHDB_URL when set; otherwise the embedded server, which listens on
// loopback at COUCH_PORT with the admin password central keeps in DATA_DIR/admin-password (0600,
// readable only by central's owner) or ADMIN_PASSWORD. Why not central's `/db/`: that door lets
// tills through to replication endpoints only (no `_security`, no central's own databases, no
// `_all_dbs`), and the loopback port is already where ops reach Fauxton. Nothing here writes a
// secret (admin-password.ts would generate one): a missing password file is an error saying so.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Nano from 'nano';
import type { CentralConfig } from '../config.js';
import { ProntoError } from '../../validators/errors.js';
import { basicAuthHeader } from './basic-auth.js';
import { remoteCouch, withCredentials } from './connect.js';

export interface CouchTarget {
  /** Base URL without credentials. */
  readonly url: string;
  readonly auth: { username: string; password: string };
  readonly embedded: boolean;
  readonly nano: Nano.ServerScope;
}

type Settings = Pick<CentralConfig, 'couchdbUrl' | 'couchPort' | 'adminUser' | 'adminPassword' | 'dataDir'>;

export async function runningCouch(config: Settings): Promise<CouchTarget> {
  const { url, auth } = config.couchdbUrl !== undefined
    ? remoteCouch(config.couchdbUrl, config)
    : { url: `http://127.0.0.1:${config.couchPort}`, auth: { username: config.adminUser, password: config.adminPassword ?? (await storedPassword(config.dataDir)) } };
  // parseUrl: false, as in connect.ts: a CouchDB behind a path prefix is a server, not a database.
  const options: Nano.Configuration & { parseUrl: boolean } = { url: withCredentials(url, auth), parseUrl: false };
  return { url, auth, embedded: config.couchdbUrl === undefined, nano: Nano(options) };
}

async function storedPassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'admin-password');
  try {
    const text = (await readFile(file, 'utf8')).trim();
    if (text !== '') return text;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  throw new ProntoError('CONFIG_INVALID', `no CouchDB admin password in ${file}: run this with central's DATA_DIR, or set ADMIN_PASSWORD`, { file });
}

export type CouchAnswer =
  | { reachable: true; version: string; vendor: string }
  | { reachable: false; refused: boolean; error: string };

/** One bounded look at the server's root and our admin credentials (GET /_session). */
export async function askCouch(target: Pick<CouchTarget, 'url' | 'auth'>, timeoutMs = 5_000): Promise<CouchAnswer> {
  const headers = basicAuthHeader(target.auth);
  try {
    const session = await fetch(`${target.url}/_session`, { headers, signal: AbortSignal.timeout(timeoutMs) });
    if (session.status === 401) return { reachable: false, refused: false, error: 'it refused the admin credentials (ADMIN_USER / ADMIN_PASSWORD, COUCHDB_URL)' };
    const root = await fetch(`${target.url}/`, { headers, signal: AbortSignal.timeout(timeoutMs) });
    if (!root.ok) return { reachable: false, refused: false, error: `GET / answered ${root.status}` };
    const body = (await root.json()) as { version?: string; vendor?: { name?: string } };
    return { reachable: true, version: body.version ?? 'unknown', vendor: body.vendor?.name ?? 'unknown' };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    return { reachable: false, refused: cause?.code === 'ECONNREFUSED', error: cause?.code ?? (err as Error).message };
  }
}
