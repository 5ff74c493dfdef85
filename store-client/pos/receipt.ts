// What a printed ticket says, as plain data, pure: a sale, or a return or void of one, with the
// product names and the store from the catalog. pos-receipt renders it on screen and on paper.
import type { Product, Return, Sale, Store } from '../../validators/types.js';
import { stampTime } from './format.js';

export interface ReceiptLine {
  name: string;
  sku: string;
  size: string | undefined;
  qty: number;
  unitPrice: number;
  discount: number;
  amount: number;
}

export interface ReceiptView {
  kind: 'sale' | 'return' | 'void';
  folio: string;
  /** ISO wall time of the document's stamp. */
  at: string;
  store: { id: string; name: string | undefined; city: string | undefined };
  cashier: string;
  customer: string | undefined;
  approvedBy: string | undefined;
  lines: ReceiptLine[];
  subtotal: number;
  discount: number;
  total: number;
  /** Payments of a sale, refunds of a return. */
  money: { method: 'cash' | 'card'; amount: number }[];
  change: number;
  /** A return's sale folio and reason. */
  ofSale: string | undefined;
  reason: string | undefined;
}

export interface ReceiptContext {
  product(sku: string): Pick<Product, 'name' | 'size'> | undefined;
  store: Pick<Store, 'name' | 'city'> | undefined;
  customerName: string | undefined;
}

export function receiptOf(doc: Sale | Return, ctx: ReceiptContext): ReceiptView {
  const lines = doc.lines.map((l): ReceiptLine => {
    const p = ctx.product(l.sku);
    // Names often end in the size already («Oxford Clásico Negro 25.5»): say it once.
    const size = p && !p.name.includes(p.size) ? p.size : undefined;
    return { name: p?.name ?? l.sku, sku: l.sku, size, qty: l.qty, unitPrice: l.unitPrice, discount: l.discount, amount: l.qty * l.unitPrice - l.discount };
  });
  const subtotal = lines.reduce((sum, l) => sum + l.qty * l.unitPrice, 0);
  const isSale = doc.type === 'sale';
  return {
    kind: isSale ? 'sale' : doc.kind,
    folio: doc._id,
    at: stampTime(doc.updatedAt),
    store: { id: doc.store, name: ctx.store?.name, city: ctx.store?.city },
    cashier: doc.cashier,
    customer: ctx.customerName,
    approvedBy: doc.approvedBy,
    lines,
    subtotal,
    discount: subtotal - doc.total,
    total: doc.total,
    money: isSale ? doc.payments : doc.refunds,
    change: isSale ? doc.change : 0,
    ofSale: isSale ? undefined : doc.sale,
    reason: isSale ? undefined : doc.reason,
  };
}
