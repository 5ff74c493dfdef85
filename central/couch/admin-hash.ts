// CouchDB's hashed form of a server admin's password, as kept in its config:
// `-pbkdf2-<key>,<salt>,<iterations>` (SHA-1) or `-pbkdf2:<prf>-<key>,<salt>,<iterations>`
// (couch_passwords:hash_admin_password). The embedded server writes its admin this way before it
// starts (no "admin party"), and re-hashes an old, weaker hash once the password is known to match.
import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const derive = promisify(pbkdf2);
const KEY_BYTES: Record<string, number> = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

export interface AdminHash { prf: string; key: string; salt: string; iterations: number }

const FORM = /^-pbkdf2(?::([a-z0-9]+))?-([\da-f]+),([\da-f]+),(\d+)$/;

export function parseAdminHash(stored: string): AdminHash | undefined {
  const m = FORM.exec(stored);
  if (!m) return undefined;
  const prf = m[1] === undefined || m[1] === 'sha' ? 'sha1' : m[1];
  return KEY_BYTES[prf] === undefined ? undefined : { prf, key: m[2]!, salt: m[3]!, iterations: Number(m[4]) };
}

export function formatAdminHash(h: AdminHash): string {
  return `${h.prf === 'sha1' ? '-pbkdf2-' : `-pbkdf2:${h.prf}-`}${h.key},${h.salt},${h.iterations}`;
}

export async function hashAdminPassword(password: string, iterations: number, prf: string): Promise<string> {
  const salt = randomBytes(16).toString('hex');
  const key = (await derive(password, salt, iterations, KEY_BYTES[prf]!, prf)).toString('hex');
  return formatAdminHash({ prf, key, salt, iterations });
}

export async function adminPasswordMatches(password: string, h: AdminHash): Promise<boolean> {
  const key = await derive(password, h.salt, h.iterations, KEY_BYTES[h.prf]!, h.prf);
  const stored = Buffer.from(h.key, 'hex');
  return stored.length === key.length && timingSafeEqual(new Uint8Array(stored), new Uint8Array(key));
}
