// Whether changes to the audit database (its `_changes` rows, style=all_docs, include_docs) can
// have moved any count of the conflict queue (design-docs/src/audit/views/conflict-queue, which
// indexes only `type: "conflict"` records). A row leaves every count as it was only when its
// document has never been anything else: one leaf, its first revision, not deleted, not a
// conflict record — an audit entry, which the audit database keeps append-only. Anything else
// (a record created or resolved, a deletion, a sibling revision) may have. Pure.
// https://docs.couchdb.org/en/stable/api/database/changes.html (style=all_docs lists every leaf)

export interface AuditChange {
  id: string;
  changes: Array<{ rev: string }>;
  deleted?: boolean;
  doc?: { type?: unknown } | null;
}

export function queueUntouched(rows: readonly AuditChange[]): boolean {
  return rows.every((r) => r.deleted !== true && r.changes.length === 1 && r.changes[0]!.rev.startsWith('1-')
    && typeof r.doc === 'object' && r.doc !== null && r.doc.type !== 'conflict');
}
