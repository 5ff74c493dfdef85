// How the panel shows a till from /api/stores: one state (stale overrides what the till last
// said: it has gone silent), and the chain's totals.
import type { StoreFigures } from '../../validators/api/panel.js';

export interface TillReport {
  _id: string;
  device: string;
  state: string;
  pending: number;
  stale: boolean;
  verified: boolean;
  lastHeardAt: string | null;
  appVersion?: string;
  refusedCount?: number;
  storage?: { persisted: boolean };
  clockOffsetMs?: number;
}

/** A store as /api/stores gives it; `figures` is absent from an older central. */
export interface StoreView { store: string; name: string; active: boolean; tills: TillReport[]; figures?: StoreFigures }

export type TillState = 'online' | 'offline' | 'stale' | 'syncing' | 'error' | 'denied';

export function tillState(till: TillReport): TillState {
  if (till.stale) return 'stale';
  return (['online', 'offline', 'syncing', 'error', 'denied'] as const).find((s) => s === till.state) ?? 'offline';
}

export function chainTotals(stores: readonly StoreView[]): { stores: number; online: number; offline: number; stale: number; net: number } {
  const states = stores.flatMap((s) => s.tills.map(tillState));
  return {
    stores: stores.length,
    /** Today's sales net of refunds, centavos, each store in its own business day. */
    net: stores.reduce((sum, s) => sum + (s.figures?.net ?? 0), 0),
    online: states.filter((s) => s === 'online' || s === 'syncing').length,
    offline: states.filter((s) => s === 'offline' || s === 'error' || s === 'denied').length,
    stale: states.filter((s) => s === 'stale').length,
  };
}

/** A clock offset for people: "+2 s", "−3 min". */
export function showOffset(ms: number): string {
  const sign = ms < 0 ? '−' : '+';
  const abs = Math.abs(ms);
  if (abs < 60_000) return `${sign}${Math.round(abs / 1000)} s`;
  return `${sign}${Math.round(abs / 60_000)} min`;
}

/** Stores in the order people count them: s2 before s10. */
export function inStoreOrder(stores: readonly StoreView[]): StoreView[] {
  return [...stores].sort((a, b) => a.store.localeCompare(b.store, 'en', { numeric: true }));
}
