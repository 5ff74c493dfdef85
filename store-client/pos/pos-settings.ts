// The POS settings an admin publishes in the catalog (`settings:pos`), read defensively, pure:
// a missing or malformed document falls back to the defaults rather than blocking a sale.
import type { Settings } from '../../validators/types.js';

export interface PosSettings {
  /** The largest discount, in percent of a line, a cashier may give without a manager. */
  cashierMaxDiscountPct: number;
  /** How far ahead of this till's clock a pulled stamp may be and still move its HLC, minutes. */
  maxClockSkewMin: number;
}

export const DEFAULT_POS_SETTINGS: PosSettings = Object.freeze({ cashierMaxDiscountPct: 10, maxClockSkewMin: 10 });

export function posSettings(doc: Settings | undefined): PosSettings {
  const value = (doc?.value ?? {}) as { cashierMaxDiscountPct?: unknown; maxClockSkewMin?: unknown };
  const pct = value.cashierMaxDiscountPct;
  const skew = value.maxClockSkewMin;
  const validPct = typeof pct === 'number' && Number.isInteger(pct) && pct >= 0 && pct <= 100;
  const validSkew = typeof skew === 'number' && Number.isInteger(skew) && skew >= 1;
  return {
    cashierMaxDiscountPct: validPct ? pct : DEFAULT_POS_SETTINGS.cashierMaxDiscountPct,
    maxClockSkewMin: validSkew ? skew : DEFAULT_POS_SETTINGS.maxClockSkewMin,
  };
}
