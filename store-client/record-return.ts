// Records a return or a void of a sale: reads the sale and what was given back of it before
// (the `pronto/returns-by-sale` view), builds the document (return.ts), signs, validates (PouchDB
// does not run validate_doc_update locally) and writes it with one `put`. The approving manager
// signs it first when their signer comes with the input (seal-doc). A void's id comes
// from the sale, so a second void of the same sale on this till meets a 409: PouchDB refuses a
// `put` without `_rev` over an existing document (https://pouchdb.com/api.html#create_document).

import { ProntoError, validate, type Return, type Sale } from '../validators/index.js';
import { businessDay, DEFAULT_TIME_ZONE } from './business-day.js';
import type { Clock } from './clock.js';
import { isConflict, isNotFound, type Db } from './pouch-types.js';
import type { TillContext } from './record-sale.js';
import { buildReturn, buildVoid, type ReturnContext, type ReturnInput, type VoidInput } from './return.js';
import type { PriorReturn } from './returnable.js';
import { sealDoc } from './seal-doc.js';
import { findSaleForReturn } from './sale-for-return.js';
import type { ApprovalSigner } from './crypto/index.js';

const VIEW = 'pronto/returns-by-sale';

/** The sale `saleId` and its earlier returns; NOT_FOUND when this till does not have the sale. */
export async function readSaleForReturn(storeDb: Db, saleId: string): Promise<{ sale: Sale; prior: PriorReturn[] }> {
  let sale: Sale;
  try {
    sale = (await storeDb.get(saleId)) as Sale;
  } catch (err) {
    if (isNotFound(err)) throw new ProntoError('NOT_FOUND', `sale ${saleId} not found`, { sale: saleId }, err);
    throw err;
  }
  if (sale.type !== 'sale') throw new ProntoError('NOT_FOUND', `sale ${saleId} not found`, { sale: saleId });
  const res = await storeDb.query(VIEW, { key: saleId, reduce: false });
  return { sale, prior: res.rows.map((r) => r.value as PriorReturn) };
}

/** `central`: the store database's remote, where a sale older than the till's history window is read (sale-for-return). */
export async function recordReturn(storeDb: Db, clock: Clock, ctx: TillContext, saleId: string, input: ReturnInput, central?: Db): Promise<Return> {
  const { sale, prior } = await findSaleForReturn(storeDb, saleId, central);
  const built = buildReturn(sale, prior, input, await returnContext(clock, ctx));
  return write(storeDb, ctx, built, input.approver);
}

export async function recordVoid(storeDb: Db, clock: Clock, ctx: TillContext, saleId: string, input: VoidInput, central?: Db): Promise<Return> {
  const { sale, prior } = await findSaleForReturn(storeDb, saleId, central);
  const built = buildVoid(sale, prior, input, await returnContext(clock, ctx));
  try {
    return await write(storeDb, ctx, built, input.approver);
  } catch (err) {
    if (isConflict(err)) throw new ProntoError('CONFLICT', `sale ${saleId} is already voided`, { sale: saleId, id: built._id }, err);
    throw err;
  }
}

async function returnContext(clock: Clock, ctx: TillContext): Promise<ReturnContext> {
  const stamp = await clock.next();
  const day = businessDay((ctx.now ?? Date.now)(), ctx.timeZone ?? DEFAULT_TIME_ZONE);
  return { store: ctx.store, device: ctx.device, cashier: ctx.cashier, stamp, businessDay: day };
}

async function write(storeDb: Db, ctx: TillContext, built: Return, approver: ApprovalSigner | undefined): Promise<Return> {
  const doc: Return = await sealDoc(built, { approver, signer: ctx.signer });
  validate(doc, { db: `store-${ctx.store}` });
  const res = await storeDb.put(doc);
  return { ...doc, _rev: res.rev };
}
