// Which database and document the console may ask for by address (GET /api/docs/:db/:id), pure:
// only the databases central follows and shows admins (catalog, customers, store-<id>; never
// audit, _users or central's own pronto-*), and only ordinary documents (no `_design/`, `_local/`).
import { ProntoError } from '../../validators/errors.js';
import { STORE_ID } from '../../validators/schemas/common.js';
import type { StoreScope } from '../http/store-scope.js';

const STORE_DB = new RegExp(`^store-(${STORE_ID})$`);
const MAX_ID = 300;

export interface DocAddress { db: string; id: string; store: string | null }

const bad = (param: 'db' | 'id', message: string, value: string) =>
  new ProntoError('BAD_REQUEST', `${param}: ${message}`, { param, value: value.slice(0, 100) });

/** The address, checked; BAD_REQUEST naming `db` or `id` when it is not one the console may read. */
export function parseDocAddress(db: string, id: string): DocAddress {
  const store = STORE_DB.exec(db)?.[1] ?? null;
  if (store === null && db !== 'catalog' && db !== 'customers') throw bad('db', 'must be catalog, customers or store-<id>', db);
  if (id.length === 0 || id.length > MAX_ID) throw bad('id', `must be 1 to ${MAX_ID} characters`, id);
  if (id.startsWith('_')) throw bad('id', 'design and local documents are not shown', id);
  return { db, id, store };
}

/** A chain admin reads every database; a store manager their own store's and the catalog (not customers). */
export function mayReadDatabase(scope: StoreScope, address: DocAddress): boolean {
  if (scope.stores === null) return true;
  if (address.db === 'catalog') return true;
  return address.store !== null && scope.stores.includes(address.store);
}
