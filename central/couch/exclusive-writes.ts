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
import { randomBytes } from 'node:crypto';
import type Nano from 'nano';
import { couchError } from './errors.js';

export interface BulkResult { id: string; rev?: string; error?: string; reason?: string }
export interface Leaf { rev: string; deleted: boolean; history: string[] }
/** A leaf as `_bulk_get?revs=true` returned it, its body (with `_revisions`) kept to write it again. */
interface StoredLeaf extends Leaf { doc: object }

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
  // CouchDB derives a revision id from its parent and content: two writers deleting one `_rev`
  // write the very same tombstone, and each would find its own revision winning. A deletion
  // carries a nonce of its writer's, so the two are told apart.
  const written = doc._deleted === true ? { ...doc, deletedBy: randomBytes(8).toString('hex') } : doc;
  const { id, rev } = await nano.use(db).insert(written, { w: n } as never);
  const results = [{ id, rev }];
  const lost = await losers(nano, db, results, n, `writing ${id}`);
  if (lost.size === 0) return { id, rev };
  await deleteLosers(nano, db, [doc], results, lost, n);
  throw Object.assign(new Error(`${id}: ${LOST}`), { statusCode: 409, error: 'conflict', reason: LOST });
}

const LOST = 'another writer\'s revision won on the other copies';

/**
 * The ids, among those written, whose winning leaf on every copy is not this writer's revision,
 * each with that winner (undefined when no copy showed a leaf: lost, since it cannot be shown won).
 */
async function losers(nano: Nano.ServerScope, db: string, res: readonly BulkResult[], n: number, doing: string): Promise<Map<string, StoredLeaf | undefined>> {
  const lost = new Map<string, StoredLeaf | undefined>();
  const written = res.filter((r) => !r.error && r.rev);
  if (written.length === 0) return lost;
  const leaves = await readLeaves(nano, db, written.map((r) => r.id), n, doing);
  for (const r of written) {
    const winner = winningLeaf(leaves.get(r.id) ?? []);
    if (!winner?.history.includes(r.rev!)) lost.set(r.id, winner);
  }
  return lost;
}

/**
 * Deletes each losing live revision this writer made, only where another live revision was seen
 * winning: the document stays what CouchDB shows, never deleted by this. Two writers that raced
 * left copies holding only one of the two revisions (a copy that took one create refuses the
 * other) until CouchDB's own repair mends them a moment later, and a read by quorum answers with
 * the highest revision its copies hold: a copy holding only the loser would answer 404 once the
 * loser is deleted. So the winner is first written to every copy, then the loser deleted where
 * that worked; both as replicated writes (`new_edits: false`, `w` = n), so a copy that lacks the
 * loser still takes its tombstone. Best effort (module comment).
 */
async function deleteLosers(
  nano: Nano.ServerScope, db: string, docs: ReadonlyArray<{ _deleted?: boolean }>, res: readonly BulkResult[], lost: ReadonlyMap<string, StoredLeaf | undefined>, n: number,
): Promise<void> {
  const losing = res.flatMap((r, i) => {
    const winner = lost.get(r.id);
    return winner && !winner.deleted && winner.rev !== r.rev && docs[i]?._deleted !== true ? [{ id: r.id, rev: r.rev!, winner }] : [];
  });
  if (losing.length === 0) return;
  const replicated = async (writes: object[]) => (await nano.use(db).bulk({ docs: writes as never[], new_edits: false }, { w: n } as never)) as BulkResult[];
  try {
    const refused = new Set((await replicated(losing.map((l) => l.winner.doc))).filter((r) => r.error).map((r) => r.id));
    const tombstones = losing.filter((l) => !refused.has(l.id)).map(({ id, rev }) => {
      const generation = Number.parseInt(rev, 10) + 1;
      const hash = randomBytes(16).toString('hex');
      return { _id: id, _rev: `${generation}-${hash}`, _deleted: true, _revisions: { start: generation, ids: [hash, rev.slice(rev.indexOf('-') + 1)] } };
    });
    if (tombstones.length > 0) await replicated(tombstones);
  } catch (err) {
    // Left as a conflict leaf, as without this step; the winner stays what CouchDB shows. Said,
    // so that a cleanup that keeps failing is seen.
    console.warn(`${db}: could not delete a losing revision of ${losing.map((l) => l.id).join(', ')}`, err);
  }
}

/** CouchDB's winning revision: a live leaf before a deleted one, then the longer history, then the greater revision id. */
export function winningLeaf<L extends Leaf>(leaves: readonly L[]): L | undefined {
  const generation = (rev: string) => Number.parseInt(rev, 10);
  return [...leaves].sort((a, b) => Number(a.deleted) - Number(b.deleted) || generation(b.rev) - generation(a.rev) || (a.rev < b.rev ? 1 : a.rev > b.rev ? -1 : 0))[0];
}

interface BulkGet { results: Array<{ id: string; docs: Array<{ ok?: { _id: string; _rev: string; _deleted?: boolean; _revisions?: { start: number; ids: string[] } } }> }> }

async function readLeaves(nano: Nano.ServerScope, db: string, ids: string[], n: number, doing: string): Promise<Map<string, StoredLeaf[]>> {
  let body: BulkGet;
  try {
    body = await nano.relax({ db, path: '_bulk_get', method: 'POST', qs: { revs: true, r: n }, body: { docs: ids.map((id) => ({ id })) } }) as BulkGet;
  } catch (err) {
    throw couchError(err, `${doing} (reading back what every copy holds)`);
  }
  return new Map(body.results.map((r) => [r.id, r.docs.flatMap((d) => (d.ok ? [{
    rev: d.ok._rev, deleted: d.ok._deleted === true, doc: d.ok,
    history: d.ok._revisions ? d.ok._revisions.ids.map((hash, i) => `${d.ok!._revisions!.start - i}-${hash}`) : [d.ok._rev],
  }] : []))]));
}
