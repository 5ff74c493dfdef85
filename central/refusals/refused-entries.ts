// The documents CouchDB refused one by one inside a `_bulk_docs` answer, pure. A `_bulk_docs`
// with refused documents still answers 201: each refusal is an entry `{id, error, reason}` in the
// array (validate_doc_update's `forbidden` / `unauthorized`,
// https://docs.couchdb.org/en/stable/api/database/bulk-api.html#bulk-documents-validation).
// Some servers leave out the entry's `rev`; replication sends it (new_edits:false), so it is
// taken from the request then. Bounded: at most `max` entries, reasons cut to 500 characters.
export interface RefusedEntry { id: string; rev: string; error: string; reason: string }

const REFUSALS = new Set(['forbidden', 'unauthorized']);
const MAX_REASON = 500;

export function refusedEntries(response: unknown, request: unknown, max = 1_000): RefusedEntry[] {
  if (!Array.isArray(response)) return [];
  const out: RefusedEntry[] = [];
  let sent: Map<string, string[]> | undefined;
  for (const r of response as unknown[]) {
    if (out.length >= max) break;
    const e = r as { id?: unknown; rev?: unknown; error?: unknown; reason?: unknown } | null;
    if (e === null || typeof e !== 'object' || typeof e.id !== 'string' || typeof e.error !== 'string' || !REFUSALS.has(e.error)) continue;
    const reason = typeof e.reason === 'string' ? e.reason.slice(0, MAX_REASON) : e.error;
    const revs = typeof e.rev === 'string' ? [e.rev] : ((sent ??= sentRevs(request)).get(e.id) ?? ['']);
    for (const rev of revs) out.push({ id: e.id, rev, error: e.error, reason });
  }
  return out.slice(0, max);
}

/** The revisions a `_bulk_docs` request body carried, by id. */
function sentRevs(body: unknown): Map<string, string[]> {
  const docs = (body as { docs?: unknown } | null)?.docs;
  const out = new Map<string, string[]>();
  if (!Array.isArray(docs)) return out;
  for (const d of docs as Array<{ _id?: unknown; _rev?: unknown } | null>) {
    if (typeof d?._id === 'string' && typeof d._rev === 'string') out.set(d._id, [...(out.get(d._id) ?? []), d._rev]);
  }
  return out;
}
