// Reads a database the way a replication from zero would, but on central's side and in pages:
// each page is one `_changes?style=all_docs` window (every leaf: conflicts and deleted leaves
// too) and one `_bulk_get?revs=true&latest=true` of those leaves, so every document comes with its
// `_revisions` and can be written elsewhere with `new_edits: false` keeping the same revision
// tree. A page's `seq` is the `last_seq` of its `_changes` window, read BEFORE its documents:
// any document changed after that seq is met again later (in a later page, or by the replication
// that continues from the snapshot), so paging on from a page's seq, or replicating from the last
// page's, misses nothing; what arrives twice is a revision already held, which `new_edits: false`
// and revs_diff skip. This is what PouchDB's replicate.js does per batch, minus the round trips.
// https://docs.couchdb.org/en/stable/api/database/changes.html
// https://docs.couchdb.org/en/stable/api/database/bulk-api.html#db-bulk-get
import type Nano from 'nano';
import { couchError } from '../couch/errors.js';
import { ProntoError } from '../../validators/errors.js';

export type Seq = number | string;

export interface SnapshotPage {
  /** Resume point: every change up to here is in this page or an earlier one. */
  seq: Seq;
  /** Every leaf of every document changed in this window, with `_revisions`. */
  docs: Record<string, unknown>[];
  /** True on the last page: `seq` is then the snapshot's, where replication continues. */
  last: boolean;
}

interface ChangesAnswer {
  results: { id: string; changes: { rev: string }[] }[];
  last_seq: Seq;
}

interface BulkGetAnswer {
  results: { id: string; docs: ({ ok: Record<string, unknown> } | { error: { id?: string; rev?: string; error?: string; reason?: string } })[] }[];
}

export const DEFAULT_PAGE_SIZE = 1000;

/** The pages from `since` (0: the whole database) to the end of the changes feed. */
export async function* readSnapshot(nano: Nano.ServerScope, db: string, since: Seq = 0, pageSize = DEFAULT_PAGE_SIZE): AsyncGenerator<SnapshotPage> {
  let from = since;
  for (;;) {
    const changes = await request<ChangesAnswer>(nano, { db, path: '_changes', qs: { since: from, limit: pageSize, style: 'all_docs' } }, `reading the changes of ${db}`);
    const leaves = changes.results.flatMap((row) => row.changes.map((c) => ({ id: row.id, rev: c.rev })));
    const docs = leaves.length === 0 ? [] : okDocs(await request<BulkGetAnswer>(nano, {
      db, path: '_bulk_get', method: 'POST', qs: { revs: true, latest: true, attachments: true }, body: { docs: leaves },
    }, `reading the documents of ${db}`));
    const last = changes.results.length < pageSize;
    yield { seq: changes.last_seq, docs, last };
    if (last) return;
    from = changes.last_seq;
  }
}

/** A leaf purged since the changes were read is skipped, as replicate.js skips it; anything else fails. */
function okDocs(answer: BulkGetAnswer): Record<string, unknown>[] {
  const docs: Record<string, unknown>[] = [];
  for (const result of answer.results) {
    for (const d of result.docs) {
      if ('ok' in d) docs.push(d.ok);
      else if (d.error.error !== 'not_found' && d.error.error !== 'missing') {
        throw new ProntoError('COUCH_ERROR', `reading ${result.id} for a snapshot: ${d.error.error ?? 'error'}: ${d.error.reason ?? ''}`, { id: result.id, rev: d.error.rev });
      }
    }
  }
  return docs;
}

async function request<T>(nano: Nano.ServerScope, opts: Nano.RequestOptions, doing: string): Promise<T> {
  try {
    return (await nano.request(opts)) as T;
  } catch (err) {
    throw couchError(err, doing);
  }
}
