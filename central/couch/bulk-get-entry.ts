// One revision's answer in a `_bulk_get`, read the same way everywhere central reads one. The
// request answers 200 whatever happened to each revision, so each entry says for itself:
// - `{ ok: doc }`: read;
// - not found: CouchDB's `{ error: { error: "not_found", reason: "missing" } }` (chttpd_db.erl
//   bulk_get_docs: also what a batched read gives a revision no copy it heard from knew), or the
//   embedded server's `{ missing: rev }` (PouchDB's open_revs answer, passed through by
//   express-pouchdb's route) and `{}` for a document it does not have at all
//   (test/conformance/replication-api.test.ts), or an error named `missing`;
// - anything else failed: CouchDB's `internal_fabric_error` when the copies did not answer in time
//   (every entry of the request gets it), or the embedded server's `{ error: name, reason }`.
// A caller decides what not found means for it; a failure it must not take for "no such revision".
// https://docs.couchdb.org/en/stable/api/database/bulk-api.html#post--db-_bulk_get

export type BulkGetEntry<D = Record<string, unknown>> =
  | { ok: D }
  | { error: { id?: string; rev?: string; error?: string; reason?: string } | string; reason?: string }
  | { missing: string }
  | Record<string, never>;

export type EntryReading<D> = { ok: D } | { notFound: true } | { failed: string };

export function readEntry<D>(entry: BulkGetEntry<D>): EntryReading<D> {
  if ('ok' in entry) return { ok: entry.ok };
  if ('missing' in entry || !('error' in entry)) return { notFound: true };
  const { error } = entry;
  const name = typeof error === 'string' ? error : error.error;
  if (name === 'not_found' || name === 'missing') return { notFound: true };
  const reason = typeof error === 'string' ? entry.reason : error.reason;
  return { failed: `${name ?? 'error'}: ${reason ?? ''}` };
}
