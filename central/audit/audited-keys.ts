// Which idempotency keys the audit trail already holds: one query of the audit design doc's
// `idempotency-keys` view (design-docs/src/audit/views/idempotency-keys). A view read brings the
// index up to the database's current state first (CouchDB's default `update=true`), so an entry
// stored before the query is always seen (https://docs.couchdb.org/en/stable/api/ddoc/views.html).
import type Nano from 'nano';
import { couchError } from '../couch/errors.js';

/** `db`: where the entries are claimed (audit-claims.ts), `audit` but on a cluster. */
export async function auditedKeys(nano: Nano.ServerScope, keys: readonly string[], db = 'audit'): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  try {
    const res = await nano.use(db).view<number>('pronto', 'idempotency-keys', { keys: [...keys] });
    return new Set(res.rows.map((r) => r.key as string));
  } catch (err) {
    throw couchError(err, 'looking up what the audit trail already holds');
  }
}
