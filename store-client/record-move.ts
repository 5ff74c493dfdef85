// Records a stock movement (opening stock, receipt, transfer, adjustment) as one validated
// document, like a sale: immutable, and its id cannot be produced by another store.

import { validate, type Move } from '../validators/index.js';
import { buildMove, type MoveInput } from './move.js';
import type { Clock } from './clock.js';
import type { Db } from './pouch-types.js';

export interface MoveRecorder {
  store: string;
  device: string;
  user?: string;
}

export async function recordMove(storeDb: Db, clock: Clock, ctx: MoveRecorder, input: MoveInput): Promise<Move> {
  const stamp = await clock.next();
  const move = buildMove(input, { ...ctx, stamp });
  validate(move, { db: `store-${ctx.store}` });
  const res = await storeDb.put(move);
  return { ...move, _rev: res.rev };
}
