// The recent changes of several databases as one list, pure: each `_changes` row (read newest
// first, with its document) becomes what the live feed announces for it (db, type, id, store,
// deleted, rev, who, when — feed-jobs.ts announceChanges), merged newest first by when it was
// written, cut to `limit`. Design documents are not changes anyone watches.
import { changeAuthor } from '../feed/change-author.js';

export interface ChangesRow { id: string; seq: unknown; changes: Array<{ rev: string }>; deleted?: boolean; doc?: Record<string, unknown> | null }

export interface RecentChange {
  db: string; docType: string; docId: string; store: string | null; deleted: boolean; rev: string | null; who: string | null; when: string | null;
}

export function recentEntry(db: string, row: ChangesRow): RecentChange {
  const store = db.startsWith('store-') ? db.slice('store-'.length) : null;
  const { who, when } = changeAuthor(row.id, row.deleted ? null : row.doc);
  return { db, docType: row.id.split(':')[0]!, docId: row.id, store, deleted: row.deleted === true, rev: row.changes[0]?.rev ?? null, who, when };
}

/** Every database's rows as one list, newest first (changes whose time is unknown last), at most `limit`. */
export function mergeRecent(perDb: ReadonlyArray<{ db: string; rows: readonly ChangesRow[] }>, limit: number): RecentChange[] {
  const all = perDb.flatMap(({ db, rows }) => rows.filter((r) => !r.id.startsWith('_design/')).map((r) => recentEntry(db, r)));
  // HLC stamps start with an ISO time: they sort as text.
  all.sort((a, b) => (b.when ?? '').localeCompare(a.when ?? ''));
  return all.slice(0, limit);
}
