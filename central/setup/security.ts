// Who may read each database, as a CouchDB `_security` object: the permission boundary is
// enforced by CouchDB itself, not by client code (https://docs.couchdb.org/en/stable/api/database/security.html).
// Writes are narrowed further by each database's validate_doc_update (design-docs/).
import type Nano from 'nano';
import { isCentralDatabase } from './central-databases.js';
import { couchError, isStatus } from '../couch/errors.js';

export interface SecurityObject {
  admins: { names: string[]; roles: string[] };
  members: { names: string[]; roles: string[] };
}

/** Roles carried by store accounts: every store account has `store` and `store:<id>`. */
export const roles = {
  admin: 'admin',
  anyStore: 'store',
  store: (storeId: string) => `store:${storeId}`,
} as const;

export function securityFor(db: string): SecurityObject {
  const members = (r: string[]) => ({ admins: { names: [], roles: [roles.admin] }, members: { names: [], roles: r } });
  if (db.startsWith('store-')) return members([roles.store(db.slice('store-'.length)), roles.admin]);
  if (db === 'catalog' || db === 'customers') return members([roles.anyStore, roles.admin]);
  // Central's own databases (sessions, tokens, checkpoints, refusals, the audit head): only the server admin central
  // runs as, not even chain admins. A `_admin` member role makes the database non-public, and no
  // account can carry it (CouchDB refuses `_`-prefixed roles in _users).
  if (isCentralDatabase(db)) return { admins: { names: [], roles: [] }, members: { names: [], roles: ['_admin'] } };
  if (db === 'audit') return { admins: { names: [], roles: [] }, members: { names: [], roles: [roles.admin] } };
  throw new Error(`no security rule for database ${db}`);
}

export async function ensureSecurity(nano: Nano.ServerScope, db: string): Promise<'updated' | 'unchanged'> {
  const wanted = securityFor(db);
  const current = async () => (await nano.request({ db, path: '_security' })) as Partial<SecurityObject>;
  try {
    if (sameSecurity(await current(), wanted)) return 'unchanged';
    try {
      await nano.request({ db, path: '_security', method: 'PUT', body: wanted });
    } catch (err) {
      // The embedded server answers 409 to the second of two simultaneous PUTs (two centrals
      // starting at once; CouchDB lets the last win): fine when the winner set what we want.
      if (isStatus(err, 409) && sameSecurity(await current(), wanted)) return 'unchanged';
      throw err;
    }
    return 'updated';
  } catch (err) {
    throw couchError(err, `setting _security of ${db}`);
  }
}

/** Whether two `_security` objects grant the same (names and roles compared as sets). */
export function sameSecurity(a: Partial<SecurityObject>, b: SecurityObject): boolean {
  const norm = (s: Partial<SecurityObject>) =>
    JSON.stringify({
      admins: { names: [...(s.admins?.names ?? [])].sort(), roles: [...(s.admins?.roles ?? [])].sort() },
      members: { names: [...(s.members?.names ?? [])].sort(), roles: [...(s.members?.roles ?? [])].sort() },
    });
  return norm(a) === norm(b);
}
