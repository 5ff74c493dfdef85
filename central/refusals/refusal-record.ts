// A refused upload as central keeps it (pure): one record per database, document and revision,
// whose id says so, so a till that pushes the same refused revision again (it will, at every
// reconnect) finds the record there already and nothing is counted twice. The store comes first
// in the id, so a store's refusals are one key range.
import { createHash } from 'node:crypto';
import type { RefusalRecord, RefusalStatus } from '../../validators/api/refusals.js';
import type { RefusedEntry } from './refused-entries.js';

export type { RefusalRecord, RefusalStatus };

export const REFUSAL_STATUSES: readonly RefusalStatus[] = ['open', 'dismissed', 'accepted'];
export const refusalStatus = (r: RefusalRecord): RefusalStatus => (r.dismissed ? 'dismissed' : r.accepted ? 'accepted' : 'open');

/** Stands for "no store known" (a customers upload from an account without a `store:<id>` role). */
export const NO_STORE = '_';
const MAX_PART = 200;

export function refusalId(store: string, db: string, docId: string, rev: string): string {
  // A long id is replaced by its hash: the record keeps it whole in `docId`.
  const part = (s: string) => (s.length <= MAX_PART ? s : `sha256-${createHash('sha256').update(s).digest('hex')}`);
  return `refusal:${store}:${db}:${part(docId)}:${part(rev)}`;
}

export function refusalRecord(entry: RefusedEntry, ctx: { store: string; db: string; account: string; at: string }): RefusalRecord {
  return {
    _id: refusalId(ctx.store, ctx.db, entry.id, entry.rev), type: 'refusal', store: ctx.store, db: ctx.db,
    docId: entry.id, rev: entry.rev, error: entry.error, reason: entry.reason, account: ctx.account, at: ctx.at,
  };
}

/** The store a refusal in `db` belongs to: the database's own, else the account's `store:<id>` role. */
export function refusalStore(db: string, accountRoles: readonly string[] | null): string {
  if (db.startsWith('store-')) return db.slice('store-'.length);
  const role = (accountRoles ?? []).find((r) => /^store:[a-z0-9][a-z0-9-]{0,30}$/.test(r));
  return role ? role.slice('store:'.length) : NO_STORE;
}
