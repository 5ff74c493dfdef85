// Where a sale stands for the returns desk, pure: open, partly returned, fully returned or
// voided, and whether it may still be voided today (a void is for today's sales that nothing
// was returned from; anything else is a return).
import type { Sale } from '../../validators/types.js';
import { isVoided, returnable, type PriorReturn } from '../returnable.js';

export type SaleState = 'open' | 'partly' | 'returned' | 'voided';

export function saleState(sale: Pick<Sale, 'lines'>, prior: readonly PriorReturn[]): SaleState {
  if (isVoided(prior)) return 'voided';
  if (prior.length === 0) return 'open';
  return returnable(sale, prior).every((l) => l.qty === 0) ? 'returned' : 'partly';
}

export function mayVoid(sale: Pick<Sale, 'businessDay' | 'quarantined'>, prior: readonly PriorReturn[], today: string): boolean {
  return prior.length === 0 && sale.businessDay === today && !sale.quarantined;
}

/** The folio a cashier types: the sale id, with or without its `sale:<store>:` prefix. */
export function saleIdOf(text: string, store: string): string {
  const clean = text.trim();
  return clean.startsWith('sale:') ? clean : `sale:${store}:${clean}`;
}
