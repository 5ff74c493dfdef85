// The console's "preview" of a conflict policy: one page of the conflicts now waiting (the audit
// database's pronto/conflict-queue view, oldest first so a page is stable while new ones
// arrive), each document's leaves read from its database, and what the policy would do to it
// (previewOutcome). Bounded: at most MAX_PREVIEW conflicts per request, read 8 at a time.
import type Nano from 'nano';
import type { Conflict, ConflictPolicy } from '../../validators/index.js';
import { couchError } from '../couch/errors.js';
import { readLeaves } from '../conflicts/read-leaves.js';
import { mapLimit } from '../map-limit.js';
import { isCentralStamp } from '../conflicts/is-central-stamp.js';
import { previewOutcome, type PolicyOutcome } from './preview-outcome.js';

export const MAX_PREVIEW = 50;

export interface PreviewRow {
  conflict: string;
  db: string;
  docId: string;
  /** The strategy and reason it waits under now. */
  now: { strategy: string; reason?: string };
  would: PolicyOutcome;
}

export interface PreviewPage {
  /** Conflicts waiting in all (not only this page). */
  total: number;
  rows: PreviewRow[];
  /** Of this page: how many the policy would settle, how many would still wait. */
  auto: number;
  manual: number;
  nextCursor: string | null;
}

const ALL = ['pending', '*', 'all', ''];
const encode = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');

/** `cursor`: a view key from a previous page's nextCursor (decoded and checked by the caller). */
export async function previewPending(nano: Nano.ServerScope, policy: ConflictPolicy, limit: number, cursor?: unknown[]): Promise<PreviewPage> {
  const audit = nano.use<Conflict>('audit');
  let page: Nano.DocumentViewResponse<unknown, Conflict>;
  let count: Nano.DocumentViewResponse<unknown, Conflict>;
  try {
    [page, count] = await Promise.all([
      audit.view('pronto', 'conflict-queue', { startkey: cursor ?? ALL, endkey: [...ALL, {}], reduce: false, include_docs: true, limit: limit + 1 }),
      audit.view('pronto', 'conflict-queue', { startkey: ALL, endkey: [...ALL, {}], reduce: true }),
    ]);
  } catch (err) {
    throw couchError(err, 'listing the waiting conflicts');
  }
  const records = page.rows.slice(0, limit).map((r) => r.doc!).filter((d) => d !== undefined && d !== null);
  const rows = await mapLimit(records, 8, async (record): Promise<PreviewRow> => ({
    conflict: record._id,
    db: record.db,
    docId: record.docId,
    now: { strategy: record.strategy, ...(record.reason ? { reason: record.reason } : {}) },
    would: previewOutcome(await readLeaves(nano, record.db, record.docId), policy, isCentralStamp),
  }));
  const next = page.rows[limit];
  return {
    total: (count.rows[0]?.value as number | undefined) ?? 0,
    rows,
    auto: rows.filter((r) => r.would.outcome === 'auto').length,
    manual: rows.filter((r) => r.would.outcome === 'manual').length,
    nextCursor: next ? encode(next.key as unknown as unknown[]) : null,
  };
}
