// The embedded server's config.json, settled before express-pouchdb reads it, so that what
// CouchDB keeps across restarts is kept here too:
// - the cookie secret (couch_httpd_auth.secret): express-pouchdb would make a new one at every
//   start, and every till's AuthSession cookie would die with a restart;
// - password hashing: PBKDF2-SHA256 with 600,000 iterations, CouchDB 3.5's defaults;
// - max_document_size: CouchDB's 8,000,000 bytes (express-pouchdb's default is 4 GB, and it caps
//   whole request bodies with it);
// - the server admin, written hashed before the server listens: never an "admin party", not even
//   for the moment before central's first request. A hash weaker than the settings above is
//   replaced, once the configured password is known to match it.
// The file holds password hashes and the secret: it is written 0600.
import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { adminPasswordMatches, hashAdminPassword, parseAdminHash } from './admin-hash.js';

export const PASSWORD_ITERATIONS = 600_000;
export const PASSWORD_PRF = 'sha256';
export const MAX_DOCUMENT_SIZE = 8_000_000;

type Section = Record<string, unknown>;
export type ConfigFile = Record<string, Section | undefined>;

export type AdminStep = 'keep' | 'create' | 'upgrade-if-password-matches';

/** Pure: the settings config.json must carry, and what to do about our admin. */
export function planEmbeddedConfig(current: ConfigFile, adminUser: string, freshSecret: string): { config: ConfigFile; admin: AdminStep } {
  const auth = { ...(current.couch_httpd_auth ?? {}) };
  if (typeof auth.secret !== 'string' || auth.secret === '') auth.secret = freshSecret;
  if (!(Number(auth.iterations) >= PASSWORD_ITERATIONS)) auth.iterations = PASSWORD_ITERATIONS;
  if (typeof auth.pbkdf2_prf !== 'string') auth.pbkdf2_prf = PASSWORD_PRF;
  const couchdb = { max_document_size: MAX_DOCUMENT_SIZE, ...(current.couchdb ?? {}) };
  const config: ConfigFile = { ...current, couch_httpd_auth: auth, couchdb };
  const admins = current.admins ?? {};
  const stored = admins[adminUser];
  if (Object.keys(admins).length === 0) return { config, admin: 'create' };
  if (typeof stored !== 'string') return { config, admin: 'keep' };
  const hash = parseAdminHash(stored);
  const weak = hash === undefined || hash.iterations < Number(auth.iterations) || hash.prf !== auth.pbkdf2_prf;
  return { config, admin: weak ? 'upgrade-if-password-matches' : 'keep' };
}

export async function prepareEmbeddedConfig(file: string, adminUser: string, adminPassword: string): Promise<void> {
  const current = await readConfig(file);
  const { config, admin } = planEmbeddedConfig(current, adminUser, randomBytes(32).toString('hex'));
  const auth = config.couch_httpd_auth!;
  const strongHash = () => hashAdminPassword(adminPassword, Number(auth.iterations), String(auth.pbkdf2_prf));
  if (admin === 'create') config.admins = { [adminUser]: await strongHash() };
  if (admin === 'upgrade-if-password-matches') {
    const hash = parseAdminHash(String(current.admins![adminUser]));
    if (hash !== undefined && (await adminPasswordMatches(adminPassword, hash))) {
      config.admins = { ...current.admins, [adminUser]: await strongHash() };
    }
  }
  if (JSON.stringify(config) === JSON.stringify(current)) return;
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
  await rename(temp, file);
}

async function readConfig(file: string): Promise<ConfigFile> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as ConfigFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
}
