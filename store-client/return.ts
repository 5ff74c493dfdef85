// Builds a return or a void of a sale, pure: the sale, its earlier returns (from the
// `pronto/returns-by-sale` view) and the stamp are passed in. Sales are immutable, so giving
// goods or money back is a new document. A return gives back some units, refunded one way; a
// void (today's sales only, untouched by returns) gives back the whole ticket the way it was paid.
// The arithmetic is the rule `validators` checks, so a built document is valid by construction.

import type { Return, Sale } from '../validators/index.js';
import { ProntoError } from '../validators/errors.js';
import { discountShare, isVoided, returnable, type PriorReturn } from './returnable.js';
import type { SaleContext } from './sale.js';
import type { ApprovalSigner } from './crypto/index.js';

export interface ReturnInput {
  /** Which sale lines come back (index into the sale's lines) and how many units of each. */
  lines: { line: number; qty: number }[];
  refundMethod: 'cash' | 'card';
  reason: string;
  /** The manager who approved it. */
  approvedBy: string;
  /** That manager's signer: recordReturn has them sign the return. Ignored by buildReturn. */
  approver?: ApprovalSigner;
}

export interface VoidInput {
  reason: string;
  approvedBy: string;
  /** That manager's signer: recordVoid has them sign the void. Ignored by buildVoid. */
  approver?: ApprovalSigner;
}

export type ReturnContext = SaleContext;

type Refund = Return['refunds'][number];

export function returnId(store: string, stamp: string): string {
  return `return:${store}:${stamp}`;
}

/** The one id every till gives the void of `saleId`: `return:<store>:void:<sale's stamp>`. */
export function voidId(saleId: string): string {
  const m = /^sale:([^:]+):(.+)$/.exec(saleId);
  if (!m) throw new ProntoError('VALIDATION_FAILED', `return/sale ${saleId} is not a sale id`, { field: 'sale' });
  return `return:${m[1]}:void:${m[2]}`;
}

export function buildReturn(sale: Sale, prior: readonly PriorReturn[], input: ReturnInput, ctx: ReturnContext): Return {
  refuseUnreturnable(sale, ctx);
  if (isVoided(prior)) throw invalid(`sale ${sale._id} was voided; nothing is left to return`, 'sale');
  if (input.lines.length === 0) throw invalid('return/lines must not be empty', 'lines');
  const left = returnable(sale, prior);
  const seen = new Set<number>();
  const lines = input.lines.map(({ line, qty }, i) => {
    const rest = Number.isInteger(line) ? left[line] : undefined;
    if (!rest) throw invalid(`return/lines/${i}/line must be a line of sale ${sale._id} (0 to ${left.length - 1})`, `lines/${i}/line`);
    if (seen.has(line)) throw invalid(`return/lines/${i}/line must not repeat sale line ${line}`, `lines/${i}/line`);
    seen.add(line);
    if (!Number.isInteger(qty) || qty < 1) throw invalid(`return/lines/${i}/qty must be an integer >= 1`, `lines/${i}/qty`);
    if (qty > rest.qty) {
      throw invalid(`return/lines/${i}/qty must not exceed ${rest.qty}, what is left of sale line ${line}`, `lines/${i}/qty`);
    }
    const { qty: n, discount: d } = sale.lines[line]!;
    const discount = discountShare(d, n, n - rest.qty, qty, d - rest.discount, rest.unitPrice);
    return { line, sku: rest.sku, qty, unitPrice: rest.unitPrice, discount };
  });
  const refunds: Refund[] = [{ method: input.refundMethod, amount: refundOf(lines) }];
  return base(sale, 'return', returnId(ctx.store, ctx.stamp), lines, refunds, input, ctx);
}

export function buildVoid(sale: Sale, prior: readonly PriorReturn[], input: VoidInput, ctx: ReturnContext): Return {
  refuseUnreturnable(sale, ctx);
  if (isVoided(prior)) throw new ProntoError('CONFLICT', `sale ${sale._id} is already voided`, { sale: sale._id });
  if (prior.length > 0) {
    throw new ProntoError('CONFLICT', `sale ${sale._id} has returns already; record a return of what is left instead`, { sale: sale._id });
  }
  if (sale.businessDay !== ctx.businessDay) {
    throw invalid(`a void is only for a sale of today (${ctx.businessDay}); record a return instead`, 'sale');
  }
  const lines = sale.lines.map((l, line) => ({ line, sku: l.sku, qty: l.qty, unitPrice: l.unitPrice, discount: l.discount }));
  return base(sale, 'void', voidId(sale._id), lines, voidRefunds(sale), input, ctx);
}

/**
 * A void pays back the way the sale was paid: card payments to the card, cash paid minus the
 * change given back as cash. Change taken out of a card overpayment comes off the card refund.
 * Zero amounts are left out; a ticket that nets to 0 gets one cash refund of 0.
 */
export function voidRefunds(sale: Pick<Sale, 'payments' | 'change'>): Refund[] {
  const paid = (method: Refund['method']) => sale.payments.filter((p) => p.method === method).reduce((s, p) => s + p.amount, 0);
  let cash = paid('cash') - sale.change;
  let card = paid('card');
  if (cash < 0) {
    card += cash;
    cash = 0;
  }
  const refunds: Refund[] = [];
  if (card > 0) refunds.push({ method: 'card', amount: card });
  if (cash > 0) refunds.push({ method: 'cash', amount: cash });
  return refunds.length > 0 ? refunds : [{ method: 'cash', amount: 0 }];
}

// A sale of another store, or one central does not trust, cannot be given back here.
function refuseUnreturnable(sale: Sale, ctx: ReturnContext): void {
  if (sale.store !== ctx.store) throw invalid(`return/sale must be a sale of store ${ctx.store}, not of ${sale.store}`, 'sale');
  if (sale.quarantined) {
    throw invalid(`sale ${sale._id} is quarantined (${sale.quarantined.reason}); it cannot be given back until an admin clears it`, 'sale');
  }
}

function base(sale: Sale, kind: Return['kind'], id: string, lines: Return['lines'], refunds: Refund[], input: VoidInput, ctx: ReturnContext): Return {
  const doc: Return = {
    _id: id,
    type: 'return',
    kind,
    updatedAt: ctx.stamp,
    updatedBy: ctx.cashier,
    store: ctx.store,
    device: ctx.device,
    cashier: ctx.cashier,
    businessDay: ctx.businessDay,
    sale: sale._id,
    lines,
    total: refundOf(lines),
    refunds,
    reason: input.reason,
    approvedBy: input.approvedBy,
  };
  if (sale.customer !== undefined) doc.customer = sale.customer;
  return doc;
}

function refundOf(lines: Return['lines']): number {
  return lines.reduce((sum, l) => sum + l.qty * l.unitPrice - l.discount, 0);
}

function invalid(message: string, field: string): ProntoError {
  return new ProntoError('VALIDATION_FAILED', message, { type: 'return', field });
}
