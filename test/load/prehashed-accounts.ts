// The load run's store accounts as `_users` documents carrying their PBKDF2 hash already, as
// CouchDB stores them (password_scheme, pbkdf2_prf, iterations, salt, derived_key), all with one
// password and one salt: seeding costs one PBKDF2 instead of one per account (two accounts a
// store, 600,000 iterations each: about 11 minutes for 500 stores on this machine, all of it
// fixture, none of it what the run measures). Each account's first sign-in still costs the server
// a full PBKDF2 (its verification cache is keyed by the name too). Load runs only: real accounts
// get their own password and salt (central/setup/ensure-user.ts, `/api/accounts`).
import { pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { PASSWORD_ITERATIONS } from '../../central/couch/embedded-config.js';

export interface PrehashedUser {
  _id: string; name: string; type: 'user'; roles: string[];
  password_scheme: 'pbkdf2'; pbkdf2_prf: 'sha256'; iterations: number; salt: string; derived_key: string;
}

export interface SharedHash { password: string; salt: string; derivedKey: string; iterations: number }

/** One password and its hash, as the embedded server makes them (32 bytes of PBKDF2-SHA256, hex). */
export async function sharedHash(iterations = PASSWORD_ITERATIONS): Promise<SharedHash> {
  const password = randomBytes(12).toString('base64url');
  const salt = randomBytes(16).toString('hex');
  const derivedKey = (await promisify(pbkdf2)(password, salt, iterations, 32, 'sha256')).toString('hex');
  return { password, salt, derivedKey, iterations };
}

export function prehashedUser(name: string, roles: readonly string[], hash: SharedHash): PrehashedUser {
  return {
    _id: `org.couchdb.user:${name}`, name, type: 'user', roles: [...new Set(roles)].sort(),
    password_scheme: 'pbkdf2', pbkdf2_prf: 'sha256', iterations: hash.iterations, salt: hash.salt, derived_key: hash.derivedKey,
  };
}
