// A return or void against the sale it gives back, pure. The sale must be in the store database
// and counted; each line must be a line of that sale, at the price it charged; no line may come
// back more often than it sold, counting every return of the sale central already counts (from
// any till: two tills refunding the same units while apart — the second to arrive is caught);
// and no line may refund more than its share of what was paid. Every return and void also needs
// a manager's approval.
import type { Return, Sale } from '../../validators/index.js';
import type { Rule, Verdict } from './types.js';

/** The reason a return waits for its sale; central checks it again when the sale arrives. */
export const saleNotFound = (saleId: string): string => `sale ${saleId} not found; checked again when it arrives`;
const saleQuarantined = (saleId: string): string => `sale ${saleId} is quarantined; its returns wait until it is cleared`;

/** Whether a quarantine reason means "waiting for sale `saleId`" (not found, or not counted). */
export const waitsForSale = (reason: string, saleId: string): boolean =>
  reason.includes(saleNotFound(saleId)) || reason.includes(saleQuarantined(saleId));

export const returnAgainstSale: Rule = (doc, ctx) => {
  if (doc.type !== 'return') return [];
  const approval: Verdict = { level: 'approval', reason: `return: a ${doc.kind === 'void' ? 'void' : 'return'} needs a manager's approval` };
  if (!ctx.sale) return [{ level: 'quarantine', reason: saleNotFound(doc.sale) }, approval];
  if (ctx.sale.quarantined) return [{ level: 'quarantine', reason: saleQuarantined(doc.sale) }, approval];
  const sale = ctx.sale;
  const before = returnedBefore(ctx.counted ?? []);
  return [...doc.lines.flatMap((line, i) => lineVerdicts(doc, sale, line, i, before.get(line.line) ?? 0)), approval];
};

function lineVerdicts(doc: Return, sale: Sale, line: Return['lines'][number], i: number, already: number): Verdict[] {
  const sold = sale.lines[line.line];
  const at = `return/lines/${i}`;
  if (!sold) return [{ level: 'quarantine', reason: `${at}: sale ${doc.sale} has no line ${line.line}` }];
  const out: string[] = [];
  if (line.sku !== sold.sku) out.push(`${at}: SKU ${line.sku} is not ${sold.sku}, what sale line ${line.line} sold`);
  if (line.unitPrice !== sold.unitPrice) out.push(`${at}: unit price ${line.unitPrice} is not ${sold.unitPrice}, what sale line ${line.line} charged`);
  if (already + line.qty > sold.qty) {
    out.push(`${at}: gives back ${line.qty} of sale line ${line.line} (${sold.sku}), which sold ${sold.qty}${already > 0 ? ` and has ${already} back already` : ''}`);
  }
  const paid = sold.qty * sold.unitPrice - sold.discount;
  const refund = line.qty * line.unitPrice - line.discount;
  // Its share of what the line was paid, a centavo of rounding in the till's favour allowed.
  const share = Math.ceil((paid * Math.min(line.qty, sold.qty)) / sold.qty);
  if (refund > share) out.push(`${at}: refunds ${refund} for ${line.qty} of sale line ${line.line}, which was paid ${paid} for ${sold.qty}`);
  return out.map((reason) => ({ level: 'quarantine', reason }));
}

/** Units given back so far per sale line. */
function returnedBefore(counted: NonNullable<Parameters<Rule>[1]['counted']>): Map<number, number> {
  const back = new Map<number, number>();
  for (const r of counted) for (const l of r.lines) back.set(l.line, (back.get(l.line) ?? 0) + l.qty);
  return back;
}
