// Last push / pull times, pure: they only move forward. A device clock stepped back (NTP, a
// cashier fixing the date) or a second tab of the same till saving what it saw earlier must
// not make the till's "last sync" go back. Times are `Date#toISOString()` strings (the only
// form the SyncManager writes), compared as instants; anything else read back counts as unknown.

import type { SyncTimes } from './sync-status.js';

export const noSyncTimes: SyncTimes = Object.freeze({ lastPush: null, lastPull: null });

/** The later of two times; null (never) is earlier than any time. */
export function laterTime(a: string | null | undefined, b: string | null | undefined): string | null {
  if (a == null) return b ?? null;
  if (b == null) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/** Field by field the later of `known` and `seen`; a field `seen` lacks keeps `known`'s. */
export function mergeSyncTimes(known: SyncTimes, seen: Partial<SyncTimes>): SyncTimes {
  return { lastPush: laterTime(known.lastPush, seen.lastPush), lastPull: laterTime(known.lastPull, seen.lastPull) };
}

export function sameSyncTimes(a: SyncTimes, b: SyncTimes): boolean {
  return a.lastPush === b.lastPush && a.lastPull === b.lastPull;
}

/** The times a stored document holds, each one kept only if it is a canonical ISO time. */
export function parseSyncTimes(doc: unknown): SyncTimes {
  const fields = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
  return { lastPush: isoOrNull(fields.lastPush), lastPull: isoOrNull(fields.lastPull) };
}

function isoOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) && new Date(ms).toISOString() === value ? value : null;
}
