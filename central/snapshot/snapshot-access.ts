// Who may take a snapshot of which database: exactly who may replicate it, i.e. read it under its
// `_security` (central/setup/security.ts): a store account its own `store-<id>`, the catalog and
// customers; a chain admin (or CouchDB's server admin) anything a till replicates. Pure.
import { ProntoError } from '../../validators/errors.js';
import { STORE_ID } from '../../validators/schemas/common.js';
import { securityFor } from '../setup/security.js';

/** The databases a till replicates, and so the only ones with a snapshot. */
const SNAPSHOT_DB = new RegExp(`^(?:catalog|customers|store-${STORE_ID})$`);

/** Throws BAD_REQUEST (naming the database) for a name that is no till database. */
export function checkSnapshotDb(db: unknown): string {
  if (typeof db === 'string' && SNAPSHOT_DB.test(db)) return db;
  throw new ProntoError('BAD_REQUEST', `db: ${JSON.stringify(db)} has no snapshot; one of catalog, customers, store-<id>`, { param: 'db', value: db });
}

/** Throws FORBIDDEN unless these roles may read `db` the way replication reads it. */
export function checkSnapshotAccess(roles: readonly string[], db: string): void {
  if (roles.includes('_admin')) return;
  const readers = securityFor(db).members.roles;
  if (roles.some((r) => readers.includes(r))) return;
  throw new ProntoError('FORBIDDEN', `this account may not read ${db}, so not its snapshot either`, { db });
}
