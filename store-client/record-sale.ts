// Records a sale: one write of one document, in the same IndexedDB transaction as the clock's
// state (clock.ts nextWith) when the clock can. A sale's lines are its stock movements, so a
// browser closed mid-sale leaves all of it or none of it. Validated before the write because
// PouchDB does not run `validate_doc_update` locally; central validates again. Signed first by the
// approving manager when there is one (`input.approver`), then by the device (seal-doc).
// The business day is the date of the sale's own stamp (the HLC's wall time, which follows
// central's measured time when the till has one, see clock.ts), not of the raw device clock: one
// instant per sale, the one its id carries and central judges it by.

import { validate, type Sale } from '../validators/index.js';
import { buildSale, type SaleInput } from './sale.js';
import { businessDay, DEFAULT_TIME_ZONE } from './business-day.js';
import { parseStamp } from './hlc.js';
import type { Clock } from './clock.js';
import type { DocSigner } from './crypto/index.js';
import type { Db } from './pouch-types.js';
import { sealDoc } from './seal-doc.js';

export interface TillContext {
  store: string;
  device: string;
  cashier: string;
  /** The store's IANA time zone, for the business day (default America/Mexico_City). */
  timeZone?: string;
  /** The corrected clock, for the business day of returns and voids (a sale takes its stamp's). */
  now?: () => number;
  /** Signs the sale with the device key before it is validated and written (see crypto/). */
  signer?: DocSigner;
  /** Called as each step of a sale's write ends (`stamp`: the stamp is known, `seal`, `validate`,
   *  `put`: written with the clock's state when the clock writes with it): the POS times them. */
  trace?: (step: SaleStep) => void;
}

export type SaleStep = 'stamp' | 'seal' | 'validate' | 'put';

export async function recordSale(storeDb: Db, clock: Clock, ctx: TillContext, input: SaleInput): Promise<Sale> {
  if (!clock.nextWith) {
    const sale = await sealed(await clock.next(), ctx, input);
    const res = await storeDb.put(sale);
    ctx.trace?.('put');
    return { ...sale, _rev: res.rev };
  }
  // One transaction for the clock's state and the sale (clock.ts nextWith): both or neither.
  return clock.nextWith(async (stamp, clockDoc) => {
    const sale = await sealed(stamp, ctx, input);
    const [clockRow, saleRow] = await storeDb.bulkDocs([clockDoc, sale]);
    ctx.trace?.('put');
    if (!saleRow || !('ok' in saleRow) || saleRow.ok !== true) throw saleRow ?? new Error('bulkDocs returned no row for the sale');
    return { clockRow: clockRow ?? {}, value: { ...sale, _rev: saleRow.rev } };
  });
}

/** The sale for this stamp, built, sealed and validated (nothing written). */
async function sealed(stamp: string, ctx: TillContext, input: SaleInput): Promise<Sale> {
  ctx.trace?.('stamp');
  const day = businessDay(parseStamp(stamp).wallMs, ctx.timeZone ?? DEFAULT_TIME_ZONE);
  const built = buildSale(input, { store: ctx.store, device: ctx.device, cashier: ctx.cashier, stamp, businessDay: day });
  const sale: Sale = await sealDoc(built, { approver: input.approver, signer: ctx.signer });
  ctx.trace?.('seal');
  validate(sale, { db: `store-${ctx.store}` });
  ctx.trace?.('validate');
  return sale;
}
