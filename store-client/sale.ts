// Builds a sale document from what the till knows, pure: the stamp (id and updatedAt) and the
// business day are passed in. The arithmetic here is the same rule `validators` checks, so a
// built sale is valid by construction and the validation before the write is a second look.

import type { Sale } from '../validators/index.js';
import { ProntoError } from '../validators/errors.js';
import type { ApprovalSigner } from './crypto/index.js';

export interface SaleLineInput {
  sku: string;
  qty: number;
  /** Centavos. */
  unitPrice: number;
  /** Centavos off the whole line (default 0). */
  discount?: number;
}

export interface SaleInput {
  lines: SaleLineInput[];
  payments: { method: 'cash' | 'card'; amount: number }[];
  customer?: string;
  /** The manager who approved discounts above the cashier's limit. */
  approvedBy?: string;
  /** That manager's signer: recordSale has them sign the sale (`approval`). Ignored by buildSale. */
  approver?: ApprovalSigner;
}

export interface SaleContext {
  store: string;
  device: string;
  cashier: string;
  stamp: string;
  businessDay: string;
}

export function saleId(store: string, stamp: string): string {
  return `sale:${store}:${stamp}`;
}

export function lineTotal(line: SaleLineInput): number {
  return line.qty * line.unitPrice - (line.discount ?? 0);
}

export function buildSale(input: SaleInput, ctx: SaleContext): Sale {
  const lines = input.lines.map((l) => ({ sku: l.sku, qty: l.qty, unitPrice: l.unitPrice, discount: l.discount ?? 0 }));
  const total = lines.reduce((sum, l) => sum + lineTotal(l), 0);
  const paid = input.payments.reduce((sum, p) => sum + p.amount, 0);
  if (paid < total) {
    throw new ProntoError('VALIDATION_FAILED', `sale/payments cover ${paid} of ${total}`, { paid, total });
  }
  const sale: Sale = {
    _id: saleId(ctx.store, ctx.stamp),
    type: 'sale',
    updatedAt: ctx.stamp,
    updatedBy: ctx.cashier,
    store: ctx.store,
    device: ctx.device,
    cashier: ctx.cashier,
    businessDay: ctx.businessDay,
    lines,
    total,
    payments: input.payments.map((p) => ({ method: p.method, amount: p.amount })),
    change: paid - total,
  };
  if (input.customer !== undefined) sale.customer = input.customer;
  if (input.approvedBy !== undefined) sale.approvedBy = input.approvedBy;
  return sale;
}
