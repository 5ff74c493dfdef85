// Records a sale: one `put` of one document. A sale's lines are its stock movements, so a
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
}

export async function recordSale(storeDb: Db, clock: Clock, ctx: TillContext, input: SaleInput): Promise<Sale> {
  const stamp = await clock.next();
  const day = businessDay(parseStamp(stamp).wallMs, ctx.timeZone ?? DEFAULT_TIME_ZONE);
  const built = buildSale(input, { store: ctx.store, device: ctx.device, cashier: ctx.cashier, stamp, businessDay: day });
  const sale: Sale = await sealDoc(built, { approver: input.approver, signer: ctx.signer });
  validate(sale, { db: `store-${ctx.store}` });
  const res = await storeDb.put(sale);
  return { ...sale, _rev: res.rev };
}
