// What a till's `store-status:<store>:<device>` document says, pure: built from the
// SyncManager's status and the till's own facts (storage, clock, build), and compared on the
// fields that matter to an admin. The live replication's own timestamps (lastPush/lastPull move
// on every up-to-date check), the storage usage and the measured clock offset (both jitter) are
// carried along when a write happens but never cause one, or the document would be rewritten
// forever; the reporter's heartbeat writes them at least once an interval. So is the age of the
// oldest pending upload: it changes with `pending`, which does cause a write.

import { MAX_REPORTED_REFUSED } from '../validators/schemas/store-status.js';
import type { StoreStatus } from '../validators/index.js';
import type { RefusedDoc, SyncStatus } from './sync-status.js';

/** The document minus `_rev`, `updatedAt` and `updatedBy`, which the writer adds. */
export type StoreStatusBody = Omit<StoreStatus, '_rev' | 'updatedAt' | 'updatedBy'>;
type ReportedRefusal = NonNullable<StoreStatusBody['refused']>[number];
type StorageFact = NonNullable<StoreStatusBody['storage']>;

/** What the till knows besides sync: read at every write. */
export interface TillFacts {
  appVersion?: string;
  storage?: { persisted: boolean; usage?: number; quota?: number };
  /** Central's clock minus the device's, ms, when measured. */
  clockOffsetMs?: number;
  clockSkewed?: boolean;
}

const MAX_MESSAGE = 2000;
const MAX_REASON = 500;
const MAX_ID = 200;
const REV_RE = /^[0-9]+-[0-9a-f]+$/;
const ISO_RE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{3})?Z$/;
const VERSION_RE = /^[0-9A-Za-z][0-9A-Za-z.+_-]{0,39}$/;

export function storeStatusId(store: string, device: string): string {
  return `store-status:${store}:${device}`;
}

export interface StatusContext {
  store: string;
  device: string;
  /** The reporter's heartbeat, ms. */
  intervalMs?: number;
  /** ISO time of this report, by the corrected clock. */
  reportedAt?: string;
  /** ISO time the oldest pending upload was written (oldest-pending.ts); only sent while some are pending. */
  oldestPendingAt?: string;
}

export function storeStatusDoc(status: SyncStatus, ctx: StatusContext, facts: TillFacts = {}): StoreStatusBody {
  const doc: StoreStatusBody = {
    _id: storeStatusId(ctx.store, ctx.device),
    type: 'store-status',
    store: ctx.store,
    device: ctx.device,
    state: status.state,
    pending: status.pending,
  };
  if (status.lastPush) doc.lastPush = status.lastPush;
  if (status.lastPull) doc.lastPull = status.lastPull;
  // The schema keeps `message` for the states an admin must act on; offline's "fetch failed"
  // says nothing the state does not.
  if ((status.state === 'error' || status.state === 'denied') && status.error) {
    doc.message = status.error.message.slice(0, MAX_MESSAGE);
  }
  if (ctx.reportedAt !== undefined) doc.reportedAt = ctx.reportedAt;
  if (ctx.intervalMs !== undefined) doc.intervalMs = ctx.intervalMs;
  if (status.pending > 0 && ctx.oldestPendingAt !== undefined && ISO_RE.test(ctx.oldestPendingAt)) doc.oldestPendingAt = ctx.oldestPendingAt;
  const refused = status.refused ?? [];
  if (refused.length > 0) {
    doc.refusedCount = refused.length;
    doc.refused = refused.slice(0, MAX_REPORTED_REFUSED).map(reportedRefusal);
  }
  if (facts.appVersion !== undefined && VERSION_RE.test(facts.appVersion)) doc.appVersion = facts.appVersion;
  if (facts.storage) doc.storage = storageFact(facts.storage);
  if (facts.clockOffsetMs !== undefined && Number.isFinite(facts.clockOffsetMs)) {
    doc.clockOffsetMs = Math.round(facts.clockOffsetMs);
  }
  if (facts.clockSkewed !== undefined) doc.clockSkewed = facts.clockSkewed;
  return doc;
}

/** One refusal as the schema bounds it: id and reason cut, a malformed rev or time left out. */
function reportedRefusal(r: RefusedDoc): ReportedRefusal {
  const out: ReportedRefusal = { db: r.db, id: r.id.slice(0, MAX_ID) || '?', reason: r.reason.slice(0, MAX_REASON) };
  if (REV_RE.test(r.rev)) out.rev = r.rev;
  if (ISO_RE.test(r.at)) out.at = r.at;
  return out;
}

function storageFact(s: NonNullable<TillFacts['storage']>): StorageFact {
  const out: StorageFact = { persisted: s.persisted };
  const bytes = (n: number | undefined): n is number => n !== undefined && Number.isSafeInteger(n) && n >= 0;
  if (bytes(s.usage)) out.usage = s.usage;
  if (bytes(s.quota)) out.quota = s.quota;
  return out;
}

/** Whether writing `next` over `current` would tell an admin something new. */
export function storeStatusChanged(current: Partial<StoreStatusBody> | undefined, next: StoreStatusBody): boolean {
  if (!current) return true;
  return current.state !== next.state || current.pending !== next.pending || current.message !== next.message
    || current.refusedCount !== next.refusedCount
    || refusalKey(current.refused) !== refusalKey(next.refused)
    || current.storage?.persisted !== next.storage?.persisted
    || current.clockSkewed !== next.clockSkewed
    || current.appVersion !== next.appVersion
    // A new report interval (settings:sync) is news: central judges a till silent by it.
    || current.intervalMs !== next.intervalMs;
}

function refusalKey(list: StoreStatusBody['refused']): string {
  return (list ?? []).map((r) => `${r.db}/${r.id}/${r.rev ?? ''}/${r.reason}`).join('\n');
}
