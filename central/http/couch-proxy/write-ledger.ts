// Which account sent each revision of a sale, move or return through /db, remembered for a while
// (in memory, bounded): CouchDB records no writer, and a tamper incident must name the account
// that pushed the forged branch. Replication sends revisions with `new_edits: false`, so the
// revision is in the request; only what CouchDB accepted (a 201) is recorded. Lost on restart:
// an incident found later names the writer "unknown".

export interface WriteLedger {
  record(db: string, docId: string, rev: string, account: string): void;
  pushedBy(db: string, docId: string, rev: string): string | undefined;
}

export function createWriteLedger(max = 100_000): WriteLedger {
  const writers = new Map<string, string>();
  const key = (db: string, docId: string, rev: string) => `${db}\u0000${docId}\u0000${rev}`;
  return {
    record(db, docId, rev, account) {
      const k = key(db, docId, rev);
      writers.delete(k);
      writers.set(k, account);
      if (writers.size > max) writers.delete(writers.keys().next().value!);
    },
    pushedBy: (db, docId, rev) => writers.get(key(db, docId, rev)),
  };
}

/** The (id, rev) pairs of immutable documents in a `_bulk_docs` body sent with new_edits:false. */
export function replicatedImmutables(body: unknown): Array<{ id: string; rev: string }> {
  const b = body as { new_edits?: unknown; docs?: unknown } | null;
  if (b === null || typeof b !== 'object' || b.new_edits !== false || !Array.isArray(b.docs)) return [];
  return b.docs.flatMap((d: { _id?: unknown; _rev?: unknown }) =>
    typeof d?._id === 'string' && typeof d._rev === 'string' && /^(sale|move|return):/.test(d._id) ? [{ id: d._id, rev: d._rev }] : []);
}
