// Builds a stock movement (opening stock, receipt, transfer, adjustment), pure: the stamp is
// passed in. Quantities are signed: + into the store, − out of it.

import type { Move } from '../validators/index.js';
import type { ApprovalSigner } from './crypto/index.js';

export type MoveKind = Move['kind'];

export interface MoveInput {
  kind: MoveKind;
  lines: { sku: string; qty: number }[];
  reason?: string;
  approvedBy?: string;
  /** The approving manager's signer: recordMove has them sign the move. Ignored by buildMove. */
  approver?: ApprovalSigner;
  ref?: string;
}

export interface MoveContext {
  store: string;
  device: string;
  /** Who records it (account name); defaults to the device. */
  user?: string;
  stamp: string;
}

export function moveId(store: string, stamp: string): string {
  return `move:${store}:${stamp}`;
}

export function buildMove(input: MoveInput, ctx: MoveContext): Move {
  const move: Move = {
    _id: moveId(ctx.store, ctx.stamp),
    type: 'move',
    updatedAt: ctx.stamp,
    updatedBy: ctx.user ?? ctx.device,
    store: ctx.store,
    device: ctx.device,
    kind: input.kind,
    lines: input.lines.map((l) => ({ sku: l.sku, qty: l.qty })),
  };
  if (input.reason !== undefined) move.reason = input.reason;
  if (input.approvedBy !== undefined) move.approvedBy = input.approvedBy;
  if (input.ref !== undefined) move.ref = input.ref;
  return move;
}
