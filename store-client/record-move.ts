// Records a stock movement (opening stock, receipt, transfer, adjustment) as one validated
// document, like a sale: immutable, and its id cannot be produced by another store.

import { validate, type Move } from '../validators/index.js';
import { buildMove, type MoveInput } from './move.js';
import type { Clock } from './clock.js';
import type { DocSigner } from './crypto/index.js';
import type { Db } from './pouch-types.js';
import { sealDoc } from './seal-doc.js';

export interface MoveRecorder {
  store: string;
  device: string;
  user?: string;
  /** Signs the move with the device key before it is validated and written (see crypto/). */
  signer?: DocSigner;
}

export async function recordMove(storeDb: Db, clock: Clock, ctx: MoveRecorder, input: MoveInput): Promise<Move> {
  const stamp = await clock.next();
  const { signer, ...who } = ctx;
  const built = buildMove(input, { ...who, stamp });
  const move: Move = await sealDoc(built, { approver: input.approver, signer });
  validate(move, { db: `store-${ctx.store}` });
  const res = await storeDb.put(move);
  return { ...move, _rev: res.rev };
}
