// What the tills page shows, pure: which store it is about (a manager's own, else the address's
// `?store=`, else the first), and how long a till's oldest pending upload has waited.
import type { SessionUser } from './api.js';
import { managedStore } from './roles.js';
import type { StoreView, TillReport } from './till-view.js';

/** A till as /api/stores gives it, with what the tills page reads besides the panel's fields. */
export interface TillDetail extends TillReport { oldestPendingAt?: string; reportedAt?: string; lastPush?: string; message?: string }

/** The store the page shows: a manager's own; else `?store=` when the chain has it; else the first. */
export function pickStore(query: URLSearchParams, user: SessionUser | null, stores: readonly StoreView[]): string | null {
  const own = managedStore(user);
  if (own !== null) return own;
  const asked = query.get('store');
  if (asked !== null && stores.some((s) => s.store === asked)) return asked;
  return stores[0]?.store ?? null;
}

/** How long the oldest pending upload has waited, ms, or null when the till did not say. */
export function waitedMs(till: Pick<TillDetail, 'pending' | 'oldestPendingAt'>, nowMs: number): number | null {
  if (till.pending === 0 || till.oldestPendingAt === undefined) return null;
  const at = Date.parse(till.oldestPendingAt);
  return Number.isNaN(at) ? null : Math.max(0, nowMs - at);
}

/** A duration for people: "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function showDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 === 0 ? `${h} h` : `${h} h ${min % 60} min`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`;
}
