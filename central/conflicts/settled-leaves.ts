// What the resolver left of the documents it just settled: each one's leaf revisions after its
// write (the kept or merged leaf and the tombstones). That write comes back through the change
// feed as a change listing every leaf, deleted ones included (style=all_docs), so it looks like a
// conflict; a change listing exactly the leaves remembered here has one live leaf — the
// resolver's — and needs no `_bulk_get` to say so. Anything else written since (a store's edit,
// a new sibling) adds a leaf and the change is read as usual. Bounded; an entry is used once.
// https://docs.couchdb.org/en/stable/api/database/changes.html (style=all_docs)
import type { BulkDoc, LeafWithHistory } from './plan-bulk.js';

export interface SettledLeaves {
  /** Remembers the leaves `docId` of `db` has after the resolver wrote `writes` on `leaves`. */
  remember(db: string, docId: string, leaves: readonly LeafWithHistory[], writes: readonly BulkDoc[]): void;
  /** True (once) when `revs` are exactly the leaves remembered for `docId`: settled, nothing to read. */
  settledBy(db: string, docId: string, revs: readonly string[]): boolean;
}

/** The leaf revisions after `writes` (children of some of `leaves`, with their history) are applied. Pure. */
export function leavesAfter(leaves: readonly LeafWithHistory[], writes: readonly BulkDoc[]): string[] {
  const parents = new Set(writes.map((w) => `${w._revisions.start - 1}-${w._revisions.ids[1]}`));
  return [...leaves.map((l) => l.rev).filter((rev) => !parents.has(rev)), ...writes.map((w) => w._rev)].sort();
}

const key = (db: string, docId: string) => `${db}\n${docId}`;
const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((rev, i) => rev === b[i]);

export function createSettledLeaves(max = 10_000): SettledLeaves {
  const known = new Map<string, string[]>();
  return {
    remember(db, docId, leaves, writes) {
      const k = key(db, docId);
      known.delete(k);
      known.set(k, leavesAfter(leaves, writes));
      // The oldest entries go first: a change that never came back (the document was written again
      // before the feed read it) is only read as usual.
      for (const oldest of known.keys()) {
        if (known.size <= max) break;
        known.delete(oldest);
      }
    },
    settledBy(db, docId, revs) {
      const k = key(db, docId);
      const left = known.get(k);
      if (left === undefined || !same(left, [...revs].sort())) return false;
      known.delete(k);
      return true;
    },
  };
}
