// A sale's prices against the catalog, pure. Per line, the discount actually given is what the
// catalog's current price for those units comes to, less what the line charged (qty × unitPrice
// − discount), whatever mix of unit price and discount the till used. Up to
// `cashierMaxDiscountPct` a cashier gives it alone; above, it needs a manager's approval; above
// `managerMaxDiscountPct` nobody may. A unit price that differs from the catalog's within what is
// allowed is only flagged: a till offline since yesterday sells at yesterday's price.
import type { Rule, Verdict } from './types.js';

/**
 * `part` in percent of `whole`, cut (not rounded) to two decimals so 99.998% does not read as
 * 100%, or to as many more (up to six) as it takes to read above `limit` when it is above it.
 */
export function percent(part: number, whole: number, limit = Infinity): string {
  let shown = '';
  for (let decimals = 2; decimals <= 6; decimals++) {
    const scale = 10 ** decimals;
    const cut = Math.floor((part * 100 * scale) / whole) / scale;
    shown = cut.toFixed(decimals).replace(/\.?0+$/, '');
    if (cut > limit || (part * 100) / whole <= limit) break;
  }
  return `${shown}%`;
}

/** Above `pct` percent of `list`? A centavo of rounding (10% of 599.95) is not above. */
const above = (given: number, list: number, pct: number): boolean => given > Math.ceil((list * pct) / 100);

export const discountLimits: Rule = (doc, ctx) => {
  if (doc.type !== 'sale') return [];
  const { cashierMaxDiscountPct: cashier, managerMaxDiscountPct: manager } = ctx.settings;
  return doc.lines.flatMap((line, i): Verdict[] => {
    const product = ctx.products.get(line.sku);
    if (!product) return []; // catalog-rules.ts reports it
    const list = line.qty * product.price;
    const charged = line.qty * line.unitPrice - line.discount;
    const given = list - charged;
    const what = (limit: number) => `sale/lines/${i}: ${percent(given, list, limit)} off ${line.sku} (price ${product.price}${line.qty > 1 ? ` × ${line.qty}` : ''}, charged ${charged})`;
    const out: Verdict[] = [];
    if (given > 0 && above(given, list, manager)) {
      return [{ level: 'quarantine', reason: `${what(manager)} is above the most a manager may give (${manager}%)` }];
    }
    if (given > 0 && above(given, list, cashier)) {
      out.push({ level: 'approval', reason: `${what(cashier)} needs a manager's approval; cashiers give up to ${cashier}%` });
    }
    if (line.unitPrice !== product.price) {
      out.push({ level: 'flag', reason: `sale/lines/${i}: ${line.sku} sold at unit price ${line.unitPrice}; the catalog says ${product.price}` });
    }
    return out;
  });
};
