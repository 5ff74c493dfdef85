// One random return a virtual till makes (simulate) and a chaos till makes (test/helpers/chaos):
// one unit of the first line of one of its own sales not given back yet, approved by a manager.
import { recordReturn, type ApprovalSigner, type Clock, type Db } from '../../store-client/index.js';
import type { Return, Sale } from '../../validators/index.js';

export interface GiveBack {
  db: Db;
  clock: Clock;
  context: Parameters<typeof recordReturn>[2];
  /** The till's own sales, and the ids among them that may not be given back (already, or dropped). */
  sold: readonly Sale[];
  taken: ReadonlySet<string>;
  random: () => number;
  approver: ApprovalSigner;
  manager: string;
}

export async function giveBackOne(o: GiveBack): Promise<Return | undefined> {
  const candidates = o.sold.filter((s) => !o.taken.has(s._id));
  if (candidates.length === 0) return undefined;
  const sale = candidates[Math.floor(o.random() * candidates.length)]!;
  return recordReturn(o.db, o.clock, o.context, sale._id, {
    lines: [{ line: 0, qty: 1 }], refundMethod: 'card', reason: 'talla equivocada', approvedBy: o.manager, approver: o.approver,
  });
}
