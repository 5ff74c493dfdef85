// A live branch beats a deletion (CouchDB's own rule), so strategies look at live leaves only;
// with fewer than two there is nothing to decide: keep CouchDB's winner, the worker deletes the rest.
import { couchWinner } from '../couch-winner.js';
import type { Leaf, Resolution } from '../types.js';

export function settleTrivially(leaves: readonly Leaf[]): Resolution | undefined {
  const live = leaves.filter((l) => !l.deleted);
  return live.length < 2 ? { kind: 'keep-winner', rev: couchWinner(leaves).rev } : undefined;
}
