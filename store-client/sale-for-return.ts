// The sale a return gives back, wherever it is: here, or — for a sale older than this till's
// history window (history-window.ts), which the till never pulled — at central, read through the
// store database's remote. Its earlier returns are then central's plus this till's own not yet
// pushed (one list, by document id), so a unit is never given back twice. Offline, such a sale
// cannot be read: a typed error (SYNC_OFFLINE, `details.reason: 'older-than-window'`) that the
// POS shows in the cashier's language, never a plain "not found".
import { ProntoError, isProntoError, type Sale } from '../validators/index.js';
import { ownStamp, readHistoryWindow } from './history-window.js';
import type { Db } from './pouch-types.js';
import type { PriorReturn } from './returnable.js';

const VIEW = 'pronto/returns-by-sale';

export interface SaleForReturn { sale: Sale; prior: PriorReturn[]; at: 'here' | 'central' }

/** NOT_FOUND when the sale exists nowhere this till can see; SYNC_OFFLINE when it is older than the window and central is out of reach. */
export async function findSaleForReturn(local: Db, saleId: string, central?: Db): Promise<SaleForReturn> {
  try {
    const here = await readSale(local, saleId);
    return { sale: here.sale, prior: here.prior.map((r) => r.value), at: 'here' };
  } catch (err) {
    if (!isProntoError(err, 'NOT_FOUND')) throw err;
    const window = await readHistoryWindow(local);
    const stamp = ownStamp({ _id: saleId });
    if (!window || stamp === undefined || stamp >= window.cutoff) throw err;
    const outside = { sale: saleId, cutoff: window.cutoff, reason: 'older-than-window' };
    if (!central) throw new ProntoError('SYNC_OFFLINE', `sale ${saleId} is older than this till's history (from ${window.cutoff}); central must be reachable to return it`, outside, err);
    let there: { sale: Sale; prior: Row[] };
    try {
      there = await readSale(central, saleId);
    } catch (e) {
      if (isProntoError(e, 'NOT_FOUND')) throw e;
      throw new ProntoError('SYNC_OFFLINE', `sale ${saleId} is older than this till's history (from ${window.cutoff}) and central could not be read`, outside, e);
    }
    const mine = (await local.query(VIEW, { key: saleId, reduce: false })).rows as Row[];
    const byId = new Map<string, Row>([...there.prior, ...mine].map((r) => [r.id, r]));
    return { sale: there.sale, prior: [...byId.values()].map((r) => r.value), at: 'central' };
  }
}

interface Row { id: string; value: PriorReturn }

async function readSale(db: Db, saleId: string): Promise<{ sale: Sale; prior: Row[] }> {
  let sale: Sale;
  try {
    sale = (await db.get(saleId)) as Sale;
  } catch (err) {
    if ((err as { status?: number } | null)?.status === 404) throw new ProntoError('NOT_FOUND', `sale ${saleId} not found`, { sale: saleId }, err);
    throw err;
  }
  if (sale.type !== 'sale') throw new ProntoError('NOT_FOUND', `sale ${saleId} not found`, { sale: saleId });
  const res = await db.query(VIEW, { key: saleId, reduce: false });
  return { sale, prior: res.rows as Row[] };
}
