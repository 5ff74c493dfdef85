// Reads every leaf revision of documents, with history. When the `_changes` feed already named
// the leaves (style=all_docs), one POST /{db}/_bulk_get?revs=true reads a whole batch; otherwise
// (the backlog sweep) GET /{db}/{docid}?open_revs=all&revs=true per document.
// https://docs.couchdb.org/en/stable/api/database/bulk-api.html#post--db-_bulk_get
import type Nano from 'nano';
import { couchError, isStatus } from '../couch/errors.js';
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
  if (known.length > 0) {
    let res: { results: Array<{ id: string; docs: OpenRev[] }> };
    try {
      res = (await nano.request({ db, path: '_bulk_get', method: 'POST', qs: { revs: true },
        body: { docs: known.flatMap((r) => r.revs!.map((rev) => ({ id: r.id, rev }))) } })) as never;
    } catch (err) {
      throw couchError(err, `reading revisions in ${db}`);
    }
    for (const r of res.results) out.set(r.id, [...(out.get(r.id) ?? []), ...r.docs.flatMap((d) => (d.ok ? [toLeaf(d.ok)] : []))]);
  }
  const unknown = requests.filter((r) => !r.revs || r.revs.length === 0);
  await mapLimit(unknown, CONCURRENCY, async (r) => { out.set(r.id, await readLeaves(nano, db, r.id)); });
  return out;
}

function toLeaf(stored: Stored): LeafWithHistory {
  const { _rev, _revisions, _deleted, _conflicts, ...body } = stored;
  return { rev: _rev, deleted: _deleted === true, body, history: _revisions };
}
