// The sales this till has in its local store database (its own and, once synced, the other
// tills' of the store), with what was given back of each, for the returns desk; and recording
// a return or a void. Reads only the local database: it works offline like selling does.

import type { Return, Sale } from '../../../validators/types.js';
import { readSaleForReturn, recordReturn, recordVoid, type PriorReturn, type ReturnInput, type VoidInput } from '../../browser.js';
import { isProntoError } from '../../../validators/errors.js';
import { till } from './till.js';

export interface SaleEntry {
  sale: Sale;
  prior: PriorReturn[];
}

/** The store's latest sales, newest first (sale ids sort by their HLC stamp). */
export async function recentSales(limit = 12): Promise<SaleEntry[]> {
  const o = till.required();
  const prefix = `sale:${o.identity.store}:`;
  const res = await o.local.store.allDocs({ startkey: `${prefix}\ufff0`, endkey: prefix, descending: true, limit, include_docs: true });
  const sales = res.rows.map((r) => r.doc as Sale | undefined).filter((d): d is Sale => d?.type === 'sale');
  if (sales.length === 0) return [];
  const returns = await o.local.store.query('pronto/returns-by-sale', { keys: sales.map((s) => s._id), reduce: false });
  return sales.map((sale) => ({ sale, prior: returns.rows.filter((r) => r.key === sale._id).map((r) => r.value as PriorReturn) }));
}

/** One sale and its returns; undefined when this till does not have it. */
export async function saleEntry(saleId: string): Promise<SaleEntry | undefined> {
  try {
    return await readSaleForReturn(till.required().local.store, saleId);
  } catch (err) {
    // readSaleForReturn turns CouchDB's 404 into NOT_FOUND.
    if (isProntoError(err, 'NOT_FOUND')) return undefined;
    throw err;
  }
}

export function giveBack(saleId: string, input: ReturnInput): Promise<Return> {
  return till.recording((o) => recordReturn(o.local.store, o.clock, o.ctx, saleId, input));
}

export function voidSale(saleId: string, input: VoidInput): Promise<Return> {
  return till.recording((o) => recordVoid(o.local.store, o.clock, o.ctx, saleId, input));
}
