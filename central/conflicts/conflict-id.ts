// A conflict record's id is derived from what it is about (database, document, the set of live
// leaf revisions), so two resolvers that see the same conflict name the same record and the
// second create is refused by CouchDB instead of duplicating it.
import { createHash } from 'node:crypto';

export function conflictId(db: string, docId: string, revs: readonly string[]): string {
  const digest = createHash('sha256').update([...revs].sort().join(',')).digest('hex').slice(0, 16);
  return `conflict:${db}:${docId}:${digest}`;
}
