// Reads every leaf revision of documents, with history. When the `_changes` feed already named
// the leaves (style=all_docs), one POST /{db}/_bulk_get?revs=true&latest=true reads a whole batch;
// otherwise (the backlog sweep) GET /{db}/{docid}?open_revs=all&revs=true per document.
// https://docs.couchdb.org/en/stable/api/database/bulk-api.html#post--db-_bulk_get
//
// `latest=true`: a revision the feed named may have been replaced since (a change read again from
// the pending set, a conflicts view read on a cluster copy that lags, a resolution written by
// another resolver meanwhile); without it `_bulk_get` answers with that revision's old body, and
// the caller would settle a conflict that is already settled. With it, each named revision is
// read as the leaf it now leads to (a tombstone when it was deleted).
//
// A `_bulk_get` answers 200 with an error in place of a revision it could not read
// (central/couch/bulk-get-entry.ts). Neither a failure nor a revision not found may be taken for
// "no such leaf": a conflict would be decided on some of its leaves. A revision not found sends
// its document to the per-document read of every leaf; any other error fails the read (the feed
// retries the batch).
import type Nano from 'nano';
import { ProntoError } from '../../validators/index.js';
import { couchError, isStatus } from '../couch/errors.js';
import { readEntry, type BulkGetEntry } from '../couch/bulk-get-entry.js';
import { mapLimit } from '../map-limit.js';
import type { LeafWithHistory } from './plan-bulk.js';

type Stored = Record<string, unknown> & { _rev: string; _deleted?: boolean; _revisions: { start: number; ids: string[] } };
interface OpenRev { ok?: Stored }

export interface LeafRequest { id: string; revs?: string[] }

const CONCURRENCY = 8;

export async function readLeaves(nano: Nano.ServerScope, db: string, docId: string): Promise<LeafWithHistory[]> {
  let res: OpenRev[];
  try {
    res = (await nano.use(db).get(docId, { open_revs: 'all', revs: true } as never)) as unknown as OpenRev[];
  } catch (err) {
    if (isStatus(err, 404)) return [];
    throw couchError(err, `reading the revisions of ${docId} in ${db}`);
  }
  return res.flatMap((r) => (r.ok ? [toLeaf(r.ok)] : []));
}

export async function readLeavesMany(nano: Nano.ServerScope, db: string, requests: readonly LeafRequest[]): Promise<Map<string, LeafWithHistory[]>> {
  const out = new Map<string, LeafWithHistory[]>();
  const known = requests.filter((r) => r.revs && r.revs.length > 0);
  const unknown = new Set(requests.filter((r) => !r.revs || r.revs.length === 0).map((r) => r.id));
  if (known.length > 0) {
    let res: { results: Array<{ id: string; docs: Array<BulkGetEntry<Stored>> }> };
    try {
      res = (await nano.request({ db, path: '_bulk_get', method: 'POST', qs: { revs: true, latest: true },
        body: { docs: known.flatMap((r) => r.revs!.map((rev) => ({ id: r.id, rev }))) } })) as never;
    } catch (err) {
      throw couchError(err, `reading revisions in ${db}`);
    }
    const read = leavesOfBulkGet(res.results);
    if (read.failed) throw new ProntoError('COUCH_ERROR', `reading revisions in ${db}: ${read.failed.id}: ${read.failed.error}`, { db, id: read.failed.id });
    for (const [id, leaves] of read.leaves) out.set(id, leaves);
    for (const id of read.notFound) unknown.add(id);
  }
  await mapLimit([...unknown], CONCURRENCY, async (id) => { out.set(id, await readLeaves(nano, db, id)); });
  return out;
}

/**
 * A `_bulk_get` answer as leaves per document (one per revision, however many named revisions
 * led to it); the documents with a revision not found (to read again whole); the first other
 * error. Pure.
 */
export function leavesOfBulkGet(results: ReadonlyArray<{ id: string; docs: ReadonlyArray<BulkGetEntry<Stored>> }>): {
  leaves: Map<string, LeafWithHistory[]>; notFound: Set<string>; failed?: { id: string; error: string };
} {
  const leaves = new Map<string, LeafWithHistory[]>();
  const notFound = new Set<string>();
  let failed: { id: string; error: string } | undefined;
  for (const { id, docs } of results) {
    for (const entry of docs) {
      const read = readEntry(entry);
      if ('ok' in read) {
        const mine = leaves.get(id) ?? [];
        if (!mine.some((l) => l.rev === read.ok._rev)) mine.push(toLeaf(read.ok));
        leaves.set(id, mine);
      } else if ('notFound' in read) {
        notFound.add(id);
      } else {
        failed ??= { id, error: read.failed };
      }
    }
  }
  for (const id of notFound) leaves.delete(id);
  return { leaves, notFound, ...(failed ? { failed } : {}) };
}

function toLeaf(stored: Stored): LeafWithHistory {
  const { _rev, _revisions, _deleted, _conflicts, ...body } = stored;
  return { rev: _rev, deleted: _deleted === true, body, history: _revisions };
}
