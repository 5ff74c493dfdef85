// What is left to give back of a sale, pure: per sale line, the units and the part of its
// discount not yet returned, from the earlier returns the `pronto/returns-by-sale` view lists.
// A void gives back everything. Discounts are shared out so that the shares of every return of
// a line add up to exactly the line's discount, whatever the order and size of the returns.

import type { Sale } from '../validators/index.js';

/** One earlier return of a sale, as the `pronto/returns-by-sale` view values it. */
export interface PriorReturn {
  kind: 'return' | 'void';
  lines: { line: number; qty: number; discount: number }[];
}

/** A sale line and what is left of it. */
export interface ReturnableLine {
  line: number;
  sku: string;
  unitPrice: number;
  /** Units not yet returned. */
  qty: number;
  /** Centavos of the line's discount not yet returned. */
  discount: number;
}

export function isVoided(prior: readonly PriorReturn[]): boolean {
  return prior.some((p) => p.kind === 'void');
}

export function returnable(sale: Pick<Sale, 'lines'>, prior: readonly PriorReturn[]): ReturnableLine[] {
  const voided = isVoided(prior);
  const back = prior.flatMap((p) => p.lines);
  return sale.lines.map((l, line) => {
    const mine = back.filter((b) => b.line === line);
    const qty = l.qty - mine.reduce((sum, b) => sum + b.qty, 0);
    const discount = l.discount - mine.reduce((sum, b) => sum + b.discount, 0);
    return {
      line, sku: l.sku, unitPrice: l.unitPrice,
      qty: voided ? 0 : Math.max(0, qty),
      discount: voided ? 0 : Math.max(0, discount),
    };
  });
}

/**
 * This return's share of a line's discount `d` over `n` units, when `k` units go back now and
 * `r` went back before with `before` centavos of discount: the cumulative share is
 * floor(d * (r + k) / n), and the last units take whatever is left, so the shares add up to d.
 * Kept within [0, k * unitPrice] should earlier returns have been shared out some other way.
 */
export function discountShare(d: number, n: number, r: number, k: number, before: number, unitPrice: number): number {
  const cumulative = r + k >= n ? d : Math.floor((d * (r + k)) / n);
  return Math.min(Math.max(0, cumulative - before), k * unitPrice, Math.max(0, d - before));
}
