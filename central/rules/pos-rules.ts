// `settings:pos` as central applies it, pure: each limit taken from the document when it is a
// valid value, else its default. The catalog's validate_doc_update already refuses bad values;
// reading defensively means a missing document never stops central checking.
import type { PosRules } from './types.js';

export const DEFAULT_POS_RULES: PosRules = Object.freeze({
  cashierMaxDiscountPct: 10,
  managerMaxDiscountPct: 100,
  maxClockSkewMin: 10,
  maxOfflineDays: 30,
});

const valid: Record<keyof PosRules, (v: number) => boolean> = {
  cashierMaxDiscountPct: (v) => Number.isInteger(v) && v >= 0 && v <= 100,
  managerMaxDiscountPct: (v) => v >= 0 && v <= 100,
  maxClockSkewMin: (v) => Number.isInteger(v) && v >= 1,
  maxOfflineDays: (v) => Number.isInteger(v) && v >= 1,
};

/** `value`: the `value` of the `settings:pos` document, or undefined when there is none. */
export function posRules(value: unknown): PosRules {
  const given = (value !== null && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const out = { ...DEFAULT_POS_RULES };
  for (const key of Object.keys(valid) as Array<keyof PosRules>) {
    const v = given[key];
    if (typeof v === 'number' && Number.isFinite(v) && valid[key](v)) out[key] = v;
  }
  return out;
}
