// What a follower may show of a snapshot page handed to it (snapshot/page-sink.ts) without
// reading it back, and what it must read back, so it shows exactly what `db.get(id)` returns.
// PouchDB's winner (pouchdb-merge winningRev: a live leaf before a deleted one, then the longest
// branch, then the greater revision id) needs the document's whole revision tree; a page knows
// it only for a document it brings once (one leaf) that nothing here held before: written with
// `new_edits: false` into nothing, that revision is the tree's only leaf, so `get` returns it
// (or not_found when it is a deletion). Anything else — a document already held or handed, two
// leaves (a conflict), attachments (`get` returns stubs, the page their data) — is read back.
// Pure: `seen` is every id the follower has applied or been handed.
// https://docs.couchdb.org/en/stable/replication/conflicts.html#working-with-conflicting-documents
import type { SnapshotDoc } from '../../snapshot/snapshot-lines.js';

export interface HandedDoc { _id: string; _rev: string; _deleted?: boolean }

export interface HandedPage {
  /** Documents shown as they are: `db.get` returns exactly this (`_revisions` left out). */
  direct: HandedDoc[];
  /** Ids to read back from the database for their winner. */
  readBack: string[];
}

export function splitHandedPage(docs: readonly SnapshotDoc[], seen: ReadonlySet<string>): HandedPage {
  const count = new Map<string, number>();
  for (const doc of docs) count.set(doc._id, (count.get(doc._id) ?? 0) + 1);
  const direct: HandedDoc[] = [];
  const readBack = new Set<string>();
  for (const doc of docs) {
    if (count.get(doc._id) === 1 && !seen.has(doc._id) && doc._attachments === undefined) {
      const { _revisions: _history, ...shown } = doc;
      direct.push(shown as HandedDoc);
    } else {
      readBack.add(doc._id);
    }
  }
  return { direct, readBack: [...readBack] };
}

/**
 * After a hand-off: the ids whose winner in the database (`winners`, every live document's id and
 * winning revision, as allDocs lists them) is not the revision the follower shows (`shown`, its
 * live documents), and those it shows that are live no more. Read back, they make the follower
 * equal to the database, whatever else wrote there meanwhile.
 */
export function staleAfterHandOff(shown: ReadonlyMap<string, string>, winners: readonly { id: string; rev: string }[]): string[] {
  const stale: string[] = [];
  const live = new Set<string>();
  for (const { id, rev } of winners) {
    live.add(id);
    if (shown.get(id) !== rev) stale.push(id);
  }
  for (const id of shown.keys()) if (!live.has(id)) stale.push(id);
  return stale;
}
