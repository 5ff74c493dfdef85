// Reads a database the way a replication from zero would, but on central's side and in pages:
// each page is one `_changes?style=all_docs&include_docs=true` window (every leaf: conflicts and
// deleted leaves too) and one `_bulk_get?revs=true&latest=true` of the leaves that need it, so
// every document comes with its `_revisions` and can be written elsewhere with `new_edits: false`
// keeping the same revision tree. A document whose only leaf is its first revision (`1-…`, no
// attachments: most of a catalog) is taken from the window itself, with `_revisions` {start: 1,
// ids: [hash]}, which is its whole history and exactly what `_bulk_get?revs=true` returns for it;
// every other row (later generations, conflicts, tombstones, attachments, or a body newer than
// the row) is read with `_bulk_get`. On the embedded server `_bulk_get` is PouchDB's shim, one
// open_revs read per document six at a time, so this is where a cold snapshot's time went. A page's `seq` is the `last_seq` of its `_changes` window, read BEFORE its documents:
// any document changed after that seq is met again later (in a later page, or by the replication
// that continues from the snapshot), so paging on from a page's seq, or replicating from the last
// page's, misses nothing; what arrives twice is a revision already held, which `new_edits: false`
// and revs_diff skip. This is what PouchDB's replicate.js does per batch, minus the round trips.
// https://docs.couchdb.org/en/stable/api/database/changes.html
// https://docs.couchdb.org/en/stable/api/database/bulk-api.html#db-bulk-get
import type Nano from 'nano';
import { couchError } from '../couch/errors.js';
import { ProntoError } from '../../validators/errors.js';
import { readEntry, type BulkGetEntry } from '../couch/bulk-get-entry.js';

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
  results: { id: string; changes: { rev: string }[]; doc?: Record<string, unknown> }[];
  last_seq: Seq;
}

interface BulkGetAnswer {
  results: { id: string; docs: BulkGetEntry[] }[];
}

export const DEFAULT_PAGE_SIZE = 1000;

/**
 * The pages from `since` (0: the whole database) to the end of the changes feed. `keep`, when
 * given, is asked about each changed document's winning revision (what a replication's Mango
 * selector is evaluated on) and its rows are left out when it says no: a till's history window.
 */
export async function* readSnapshot(nano: Nano.ServerScope, db: string, since: Seq = 0, pageSize = DEFAULT_PAGE_SIZE, keep?: (doc: Record<string, unknown>) => boolean): AsyncGenerator<SnapshotPage> {
  let from = since;
  for (;;) {
    const changes = await request<ChangesAnswer>(nano, { db, path: '_changes', qs: { since: from, limit: pageSize, style: 'all_docs', include_docs: true } }, `reading the changes of ${db}`);
    const rows = keep ? changes.results.filter((r) => !r.doc || keep(r.doc)) : changes.results;
    const { docs, leaves } = splitWindow(rows);
    if (leaves.length > 0) docs.push(...(await readLeafDocs(nano, db, leaves)));
    const last = changes.results.length < pageSize;
    yield { seq: changes.last_seq, docs, last };
    if (last) return;
    from = changes.last_seq;
  }
}

const FIRST_REV = /^1-([0-9a-f]+)$/;

/**
 * A window's rows as the documents complete in it (a single first-generation leaf whose body came
 * with the row) and the leaves still to read with `_bulk_get`. Pure.
 */
export function splitWindow(rows: ChangesAnswer['results']): { docs: Record<string, unknown>[]; leaves: { id: string; rev: string }[] } {
  const docs: Record<string, unknown>[] = [];
  const leaves: { id: string; rev: string }[] = [];
  for (const row of rows) {
    const only = row.changes.length === 1 ? row.changes[0]!.rev : undefined;
    const hash = only === undefined ? null : FIRST_REV.exec(only);
    const doc = row.doc;
    if (hash && doc && doc._id === row.id && doc._rev === only && doc._deleted !== true && doc._attachments === undefined && doc._conflicts === undefined) {
      docs.push({ ...doc, _revisions: { start: 1, ids: [hash[1]] } });
    } else {
      for (const c of row.changes) leaves.push({ id: row.id, rev: c.rev });
    }
  }
  return { docs, leaves };
}

/**
 * The leaves a window named, each with its `_revisions`, by one `_bulk_get` (`latest`: as they
 * stand now). A revision not found is gone since the window was read (purged) and is skipped, as
 * replicate.js skips it: the changes read from the snapshot's seq settle it. Any other entry that
 * failed fails the page.
 */
export async function readLeafDocs(nano: Nano.ServerScope, db: string, leaves: ReadonlyArray<{ id: string; rev: string }>): Promise<Record<string, unknown>[]> {
  const answer = await request<BulkGetAnswer>(nano, {
    db, path: '_bulk_get', method: 'POST', qs: { revs: true, latest: true, attachments: true }, body: { docs: leaves },
  }, `reading the documents of ${db}`);
  const docs: Record<string, unknown>[] = [];
  for (const result of answer.results) {
    for (const entry of result.docs) {
      const read = readEntry(entry);
      if ('ok' in read) docs.push(read.ok);
      else if ('failed' in read) throw new ProntoError('COUCH_ERROR', `reading ${result.id} for a snapshot: ${read.failed}`, { id: result.id });
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
