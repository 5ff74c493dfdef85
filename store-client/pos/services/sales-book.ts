// The sales this till has in its local store database (its own and, once synced, the other
// tills' of the store), with what was given back of each, for the returns desk; and recording
// a return or a void. Reads the local database, so it works offline like selling does; only a
// sale older than the till's history window is read at central (store-client/sale-for-return),
// and offline the cashier is told why it cannot be returned here.

import type { Return, Sale } from '../../../validators/types.js';
import { findSaleForReturn, recordReturn, recordVoid, type PriorReturn, type ReturnInput, type VoidInput } from '../../browser.js';
import { PosError } from './pos-error.js';
import type { OpenTill } from './open-till.js';
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

/** One sale and its returns; undefined when neither this till nor central (for a sale older than the window) has it. */
export async function saleEntry(saleId: string): Promise<SaleEntry | undefined> {
  const o = till.required();
  try {
    const { sale, prior } = await findSaleForReturn(o.local.store, saleId, central(o));
    return { sale, prior };
  } catch (err) {
    // findSaleForReturn turns CouchDB's 404 into NOT_FOUND.
    if (isProntoError(err, 'NOT_FOUND')) return undefined;
    throw olderThanWindow(err, saleId);
  }
}

export function giveBack(saleId: string, input: ReturnInput): Promise<Return> {
  return till.recording((o) => recordReturn(o.local.store, o.clock, o.ctx, saleId, input, central(o)).catch((err: unknown) => { throw olderThanWindow(err, saleId); }));
}

export function voidSale(saleId: string, input: VoidInput): Promise<Return> {
  return till.recording((o) => recordVoid(o.local.store, o.clock, o.ctx, saleId, input, central(o)).catch((err: unknown) => { throw olderThanWindow(err, saleId); }));
}

/** Central's store database, unless the browser knows it is offline (then the answer is immediate). */
const central = (o: OpenTill) => (navigator.onLine ? o.remoteStore : undefined);

/** A sale older than the window that central could not give: said in the cashier's language. */
function olderThanWindow(err: unknown, saleId: string): unknown {
  if (isProntoError(err, 'SYNC_OFFLINE') && err.details.reason === 'older-than-window') {
    return new PosError('ret.olderThanWindow', { id: saleId, cutoff: String(err.details.cutoff) });
  }
  return err;
}
