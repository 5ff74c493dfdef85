// Turns a Resolution into the one `_bulk_docs` (new_edits: false) that applies it: the merged
// winner on top of CouchDB's winning leaf, and a tombstone on every other live leaf. Revision
// ids are derived from their parent and content (as CouchDB itself does), so two resolvers
// planning the same resolution write byte-identical revisions: the second write is a no-op and
// no new conflict appears between them.
// https://docs.couchdb.org/en/stable/api/database/bulk-api.html#api-db-bulk-docs-semantics
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { couchWinner } from './couch-winner.js';
import type { Leaf } from './types.js';

export interface LeafWithHistory extends Leaf {
  /** The leaf's `_revisions`: generation of the leaf and rev hashes, newest first. */
  history: { start: number; ids: string[] };
}

export interface BulkDoc extends Record<string, unknown> {
  _id: string;
  _rev: string;
  _revisions: { start: number; ids: string[] };
}

export type Applied = { kind: 'keep-winner'; rev: string } | { kind: 'write-merged'; body: Record<string, unknown> };

export function planBulk(docId: string, leaves: readonly LeafWithHistory[], resolution: Applied): BulkDoc[] {
  const live = leaves.filter((l) => !l.deleted);
  const docs: BulkDoc[] = [];
  let keep: string;
  if (resolution.kind === 'keep-winner') {
    keep = resolution.rev;
  } else {
    const base = couchWinner(live) as LeafWithHistory;
    keep = base.rev;
    const body = { ...resolution.body, _id: docId };
    docs.push({ ...body, ...child(base, canonicalize(body) ?? '') });
  }
  for (const leaf of live) {
    if (leaf.rev !== keep) docs.push({ _id: docId, _deleted: true, ...child(leaf, 'deleted') });
  }
  return docs.sort((a, b) => (a._rev < b._rev ? -1 : a._rev > b._rev ? 1 : 0));
}

function child(parent: LeafWithHistory, content: string): { _rev: string; _revisions: { start: number; ids: string[] } } {
  const hash = createHash('md5').update(`${parent.rev}\n${content}`).digest('hex');
  const start = parent.history.start + 1;
  return { _rev: `${start}-${hash}`, _revisions: { start, ids: [hash, ...parent.history.ids] } };
}
