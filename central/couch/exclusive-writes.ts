// Compare-and-swap writes that exactly one writer wins, on a CouchDB cluster too.
//
// On one node (and the embedded server) a write on a `_rev` someone already replaced is refused
// (409), and so is a create of an id that exists. On a cluster each shard has n copies; a write
// is acknowledged when any copy took it ("accepted", 202: only `ok` replies count toward `w`,
// src/fabric/src/fabric_doc_update.erl force_reply), so two writers of one `_rev` can both be
// told ok and leave two revisions, each believing it won. Two resolvers on a 3-node cluster
// audited 71 of 150 resolutions twice that way.
//
// So, where the database has more than one copy, the write asks for every copy (`w=n`) and the
// documents written are then read from every copy (`_bulk_get`, `r=n`, all leaves): a write is
// won only if its revision is in the history of the document's winning leaf, the one CouchDB
// shows once the copies agree. A copy refuses a write because it already stored the other
// writer's revision, so after every copy answered, each writer sees the other's leaf wherever it
// lost, and both pick the same winner. The loser then deletes its own revision (best effort; the
// audit database refuses it): a live losing leaf would stay a conflict, and would come back as
// the document's winner the day the winner is deleted. Not covered: a partition that keeps each
// writer from every copy the other reached.
//
// `exclusiveBulk` answers per document, as `_bulk_docs` does; `exclusiveInsert` is `db.insert`
// (a PUT) whose lost race is CouchDB's own 409, so callers keep one way of handling a conflict.
import type Nano from 'nano';
import { couchError } from './errors.js';

export interface BulkResult { id: string; rev?: string; error?: string; reason?: string }
export interface Leaf { rev: string; deleted: boolean; history: string[] }

const copies = new WeakMap<Nano.ServerScope, Map<string, Promise<number>>>();

/** How many copies each shard of `db` has: `cluster.n`, 1 on a single node or the embedded server. */
export function copiesOf(nano: Nano.ServerScope, db: string): Promise<number> {
  let known = copies.get(nano);
  if (!known) copies.set(nano, known = new Map());
  let n = known.get(db);
  if (!n) {
    n = nano.db.get(db).then((info) => (info as { cluster?: { n?: number } }).cluster?.n ?? 1);
    n.catch(() => known.delete(db)); // not cached when it failed: asked again next time
    known.set(db, n);
  }
  return n;
}

/** `_bulk_docs` where a document written counts only when this writer's revision won (module comment). */
export async function exclusiveBulk(nano: Nano.ServerScope, db: string, docs: readonly object[], doing: string): Promise<BulkResult[]> {
  const n = await copiesOf(nano, db).catch((err: unknown) => { throw couchError(err, doing); });
  let res: BulkResult[];
  try {
    res = (await nano.use(db).bulk({ docs: docs as never[] }, n > 1 ? { w: n } as never : undefined)) as BulkResult[];
  } catch (err) {
    throw couchError(err, doing);
  }
  if (n <= 1) return res;
  const lost = await losers(nano, db, res, n, doing);
  if (lost.size === 0) return res;
  await deleteLosers(nano, db, docs as ReadonlyArray<{ _deleted?: boolean }>, res, lost, n);
  return res.map((r) => (lost.has(r.id) ? { id: r.id, error: 'conflict', reason: LOST } : r));
}

/**
 * `db.insert(doc)` (create, replace or delete by `_rev`) that is refused with CouchDB's own 409
 * when another writer's revision won on a cluster's other copies; other failures are nano's.
 */
export async function exclusiveInsert(nano: Nano.ServerScope, db: string, doc: { _id: string; _rev?: string; _deleted?: boolean }): Promise<{ id: string; rev: string }> {
  const n = await copiesOf(nano, db);
  if (n <= 1) return nano.use(db).insert(doc);
  const { id, rev } = await nano.use(db).insert(doc, { w: n } as never);
  const written = [{ id, rev }];
  const lost = await losers(nano, db, written, n, `writing ${id}`);
  if (lost.size === 0) return { id, rev };
  await deleteLosers(nano, db, [doc], written, lost, n);
  throw Object.assign(new Error(`${id}: ${LOST}`), { statusCode: 409, error: 'conflict', reason: LOST });
}

const LOST = 'another writer\'s revision won on the other copies';

/** The ids, among those written, whose winning leaf on every copy is not this writer's revision. */
async function losers(nano: Nano.ServerScope, db: string, res: readonly BulkResult[], n: number, doing: string): Promise<Set<string>> {
  const written = res.filter((r) => !r.error && r.rev);
  if (written.length === 0) return new Set();
  const leaves = await readLeaves(nano, db, written.map((r) => r.id), n, doing);
  return new Set(written.filter((r) => !winningLeaf(leaves.get(r.id) ?? [])?.history.includes(r.rev!)).map((r) => r.id));
}

/** Deletes each losing live revision this writer made; best effort (module comment). */
async function deleteLosers(
  nano: Nano.ServerScope, db: string, docs: ReadonlyArray<{ _deleted?: boolean }>, res: readonly BulkResult[], lost: Set<string>, n: number,
): Promise<void> {
  const tombstones = res.flatMap((r, i) => (lost.has(r.id) && docs[i]?._deleted !== true ? [{ _id: r.id, _rev: r.rev!, _deleted: true }] : []));
  if (tombstones.length === 0) return;
  try {
    await nano.use(db).bulk({ docs: tombstones as never[] }, { w: n } as never);
  } catch {
    // Left as a conflict leaf, as without this step; the winner stays what CouchDB shows.
  }
}

/** CouchDB's winning revision: a live leaf before a deleted one, then the longer history, then the greater revision id. */
export function winningLeaf(leaves: readonly Leaf[]): Leaf | undefined {
  const generation = (rev: string) => Number.parseInt(rev, 10);
  return [...leaves].sort((a, b) => Number(a.deleted) - Number(b.deleted) || generation(b.rev) - generation(a.rev) || (a.rev < b.rev ? 1 : a.rev > b.rev ? -1 : 0))[0];
}

interface BulkGet { results: Array<{ id: string; docs: Array<{ ok?: { _rev: string; _deleted?: boolean; _revisions?: { start: number; ids: string[] } } }> }> }

async function readLeaves(nano: Nano.ServerScope, db: string, ids: string[], n: number, doing: string): Promise<Map<string, Leaf[]>> {
  let body: BulkGet;
  try {
    body = await nano.relax({ db, path: '_bulk_get', method: 'POST', qs: { revs: true, r: n }, body: { docs: ids.map((id) => ({ id })) } }) as BulkGet;
  } catch (err) {
    throw couchError(err, `${doing} (reading back what every copy holds)`);
  }
  return new Map(body.results.map((r) => [r.id, r.docs.flatMap((d) => (d.ok ? [{
    rev: d.ok._rev, deleted: d.ok._deleted === true,
    history: d.ok._revisions ? d.ok._revisions.ids.map((hash, i) => `${d.ok!._revisions!.start - i}-${hash}`) : [d.ok._rev],
  }] : []))]));
}
