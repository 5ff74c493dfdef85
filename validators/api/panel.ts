// What central's panel answers, declared once for both sides: the per-store `figures` of
// GET /api/stores and the alerts of GET /api/alerts (central/panel builds them; the console,
// admin-ui, shows them). The console imports these with `import type`, so nothing of this file
// reaches its bundle, and the two sides cannot drift apart.

/** What needs a human, most serious first: the order GET /api/alerts lists them in. */
export const ALERT_KINDS = ['tamper', 'quarantined', 'refund-above-sale', 'refused', 'silent', 'conflicts', 'negative-stock'] as const;
export type AlertKind = typeof ALERT_KINDS[number];

/** A SKU whose stock on hand is below zero. */
export interface NegativeSku { sku: string; qty: number }

/** One alert: one kind in one store. */
export interface Alert {
  /** `<kind>:<store>`: stable while the cause lasts. */
  id: string;
  kind: AlertKind;
  severity: 'critical' | 'warning';
  store: string;
  storeName: string;
  count: number;
  /** silent: the tills and when each was last heard; negative-stock: the SKUs, most negative first. */
  tills?: Array<{ device: string; lastHeardAt: string | null }>;
  skus?: NegativeSku[];
}

/** A page of GET /api/alerts; `nextCursor` asks for the page after, null on the last. */
export interface AlertPage { total: number; alerts: Alert[]; nextCursor: string | null }

/** What central counts for one store, from views (central/panel/store-figures.ts). */
export interface StoreFigures {
  /** The store's business day now (YYYY-MM-DD in its time zone). */
  businessDay: string;
  sales: { count: number; total: number };
  returns: { count: number; total: number };
  /** Sales less refunds of the day, centavos. */
  net: number;
  /** Quarantined sales, moves and returns; `refund-above-sale` counts returns refunding more than their sale. */
  quarantined: { total: number; byKind: Record<string, number> };
  /** Open refused uploads, at most REFUSED_CAP (then `refusedCapped`). */
  refused: number;
  refusedCapped: boolean;
  /** Conflicts of the store's database waiting for an admin. */
  conflicts: number;
}
