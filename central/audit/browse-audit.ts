// One page of the audit trail for the console's browser, newest first, from the audit database's
// `pronto/audit-browse` view: the entries, how many match the filters in all, and the cursor of
// the next page (the next row's key, so no entry is shown twice or skipped while entries arrive:
// new ones sort before the cursor).
import type Nano from 'nano';
import type { Audit } from '../../validators/index.js';
import { couchError } from '../couch/errors.js';
import { auditRange, encodeCursor, type AuditBrowseQuery } from './browse-query.js';

export interface AuditPage { total: number; entries: Audit[]; nextCursor: string | null }

export async function browseAudit(nano: Nano.ServerScope, q: AuditBrowseQuery): Promise<AuditPage> {
  const range = auditRange(q);
  const db = nano.use<Audit>('audit');
  try {
    const [rows, count] = await Promise.all([
      db.view('pronto', 'audit-browse', { startkey: q.cursor ?? range.startkey, endkey: range.endkey, descending: true, reduce: false, limit: q.limit + 1, include_docs: true }),
      db.view('pronto', 'audit-browse', { ...range, descending: true, reduce: true }),
    ]);
    const next = rows.rows.length > q.limit ? rows.rows[q.limit]! : undefined;
    return {
      total: (count.rows[0]?.value as number | undefined) ?? 0,
      entries: rows.rows.slice(0, q.limit).flatMap((row) => (row.doc ? [row.doc as Audit] : [])),
      nextCursor: next ? encodeCursor(next.key as unknown as unknown[]) : null,
    };
  } catch (err) {
    throw couchError(err, 'browsing the audit trail');
  }
}

/** How many entries match `filters` at or after `from` (ISO): the panel's alerts count tamper incidents so. */
export async function countAudit(nano: Nano.ServerScope, filters: AuditBrowseQuery['filters'], from?: string): Promise<number> {
  const range = auditRange({ filters, ...(from ? { from } : {}) });
  try {
    const res = await nano.use('audit').view('pronto', 'audit-browse', { ...range, descending: true, reduce: true });
    return (res.rows[0]?.value as number | undefined) ?? 0;
  } catch (err) {
    throw couchError(err, 'counting audit entries');
  }
}
