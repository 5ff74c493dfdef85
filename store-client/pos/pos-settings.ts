// The POS settings an admin publishes in the catalog (`settings:pos`), read defensively, pure:
// a missing or malformed document falls back to the defaults rather than blocking a sale.
import type { Settings } from '../../validators/types.js';

export interface PosSettings {
  /** The largest discount, in percent of a line, a cashier may give without a manager. */
  cashierMaxDiscountPct: number;
}

export const DEFAULT_POS_SETTINGS: PosSettings = Object.freeze({ cashierMaxDiscountPct: 10 });

export function posSettings(doc: Settings | undefined): PosSettings {
  const value = (doc?.value ?? {}) as { cashierMaxDiscountPct?: unknown };
  const pct = value.cashierMaxDiscountPct;
  const valid = typeof pct === 'number' && Number.isInteger(pct) && pct >= 0 && pct <= 100;
  return { cashierMaxDiscountPct: valid ? pct : DEFAULT_POS_SETTINGS.cashierMaxDiscountPct };
}
