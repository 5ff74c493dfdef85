// The naive baseline the resolver is measured against: plain PouchDB (http adapter, default
// options) reading conflicted documents from `_changes` (include_docs, conflicts=true),
// `_bulk_get` of their leaves, the same pure rule central applies (resolveLeaves with the same
// policy), and one `_bulk_docs` writing the merged winner and deleting the losers. No conflict
// records, no audit, no checkpoint: what a hand-written loop does.
// https://docs.couchdb.org/en/stable/replication/conflicts.html#working-with-conflicting-documents
import type { ConflictPolicy } from '../../validators/index.js';
import { isCentralStamp, resolveLeaves, type Leaf } from '../../central/conflicts/index.js';

type Doc = { _id: string; _rev: string; _conflicts?: string[]; _deleted?: boolean } & Record<string, unknown>;
const PAGE = 500;

/** Settles `docs` (each with its `_conflicts`); returns the ids written. */
export async function settleNaively(db: PouchDB.Database, docs: readonly Doc[], policy: ConflictPolicy): Promise<string[]> {
  const conflicted = docs.filter((d) => (d._conflicts?.length ?? 0) > 0);
  if (conflicted.length === 0) return [];
  const got = await db.bulkGet({ docs: conflicted.flatMap((d) => [d._rev, ...d._conflicts!].map((rev) => ({ id: d._id, rev }))) });
  const leaves = new Map<string, Leaf[]>();
  for (const r of got.results) {
    for (const one of r.docs) {
      if (!('ok' in one)) throw new Error(`naive resolver could not read a leaf of ${r.id}`);
      const { _id, _rev, _deleted, _conflicts, _revisions, ...body } = one.ok as unknown as Doc;
      leaves.set(r.id, [...(leaves.get(r.id) ?? []), { rev: _rev, deleted: _deleted === true, body: { _id, ...body } }]);
    }
  }
  const writes = conflicted.flatMap((d) => {
    const live = (leaves.get(d._id) ?? []).filter((l) => !l.deleted);
    const r = resolveLeaves(live, policy, isCentralStamp);
    if (r.kind === 'needs-review') throw new Error(`naive resolver: ${d._id} needs review: ${r.reason}`);
    // The merged body goes on CouchDB's winner (the doc `_changes` returned); the other leaves are deleted.
    const keep = r.kind === 'keep-winner' ? r.rev : d._rev;
    const merged = r.kind === 'write-merged' ? [{ ...r.body, _id: d._id, _rev: d._rev }] : [];
    return [...merged, ...live.filter((l) => l.rev !== keep).map((l) => ({ _id: d._id, _rev: l.rev, _deleted: true }))];
  });
  const res = await db.bulkDocs(writes as never[]);
  const failed = res.find((x) => 'error' in x && x.error);
  if (failed) throw new Error(`naive resolver: a write was refused: ${JSON.stringify(failed)}`);
  return conflicted.map((d) => d._id);
}

/** Settles every conflict that arrived after `since`, a page of `_changes` at a time; returns how many. */
export async function settleBacklogNaively(db: PouchDB.Database, since: string | number, policy: ConflictPolicy): Promise<number> {
  let settled = 0;
  let at = since;
  for (let page = 0; page < 100_000; page++) {
    const res = await db.changes({ since: at, limit: PAGE, include_docs: true, conflicts: true });
    settled += (await settleNaively(db, res.results.map((r) => r.doc as unknown as Doc), policy)).length;
    if (res.results.length < PAGE) return settled;
    at = res.last_seq;
  }
  throw new Error('naive resolver: too many pages');
}

export interface NaiveFollower { stop(): Promise<void> }

/**
 * Follows `_changes` live (PouchDB's http adapter long-polls) from `since` and settles each
 * conflicted document as it comes, one at a time; `onSettled` is told each id once written.
 */
export function followNaively(db: PouchDB.Database, since: string | number, policy: ConflictPolicy, onSettled: (id: string) => void): NaiveFollower {
  let chain: Promise<void> = Promise.resolve();
  let failure: Error | undefined;
  const feed = db.changes({ live: true, since, include_docs: true, conflicts: true });
  feed.on('change', (change) => {
    chain = chain.then(async () => {
      for (const id of await settleNaively(db, [change.doc as unknown as Doc], policy)) onSettled(id);
    }).catch((err: Error) => { failure ??= err; });
  });
  feed.on('error', (err: Error) => { failure ??= err; });
  return {
    async stop() {
      feed.cancel();
      await chain;
      if (failure) throw failure;
    },
  };
}
