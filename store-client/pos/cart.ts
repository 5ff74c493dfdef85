// The cart as plain data, pure: adding a product, quantities, line discounts (a percentage or
// an amount) and the limit above which a manager must approve them, totals, and the payments a
// checkout sends to recordSale (cash with change, card, or card plus cash). The CartController
// is its reactive shell.

export type Discount = { kind: 'pct'; value: number } | { kind: 'amount'; value: number };

export interface CartLine {
  sku: string;
  name: string;
  /** Centavos. */
  unitPrice: number;
  qty: number;
  /** A percentage (0–100) of the line, or centavos off the line; none when absent. */
  discount?: Discount;
  /** A manager approved this line's discount up to `pct` percent. */
  approval?: { by: string; pct: number };
}

export type PayMethod = 'cash' | 'card' | 'mixed';

export interface Payment {
  method: 'cash' | 'card';
  amount: number;
}

export function addToCart(lines: readonly CartLine[], product: Omit<CartLine, 'qty' | 'discount' | 'approval'>): CartLine[] {
  const found = lines.find((l) => l.sku === product.sku);
  if (found) return lines.map((l) => (l === found ? { ...l, qty: l.qty + 1 } : l));
  return [...lines, { ...product, qty: 1 }];
}

/** Sets a line's quantity; 0 or less removes it. */
export function setQty(lines: readonly CartLine[], sku: string, qty: number): CartLine[] {
  if (qty <= 0) return lines.filter((l) => l.sku !== sku);
  return lines.map((l) => (l.sku === sku ? { ...l, qty } : l));
}

/** Sets (or, with undefined, removes) a line's discount, with the approval given for it if any. */
export function setDiscount(
  lines: readonly CartLine[], sku: string, discount: Discount | undefined, approval?: CartLine['approval'],
): CartLine[] {
  return lines.map((l) => {
    if (l.sku !== sku) return l;
    const { discount: _d, approval: _a, ...rest } = l;
    if (discount === undefined) return rest;
    return approval === undefined ? { ...rest, discount } : { ...rest, discount, approval };
  });
}

export function lineGross(line: CartLine): number {
  return line.qty * line.unitPrice;
}

/** Centavos off the line, never more than the line is worth; a percentage is rounded to the centavo. */
export function lineDiscount(line: CartLine): number {
  const d = line.discount;
  if (!d) return 0;
  const off = d.kind === 'pct' ? Math.round((lineGross(line) * d.value) / 100) : d.value;
  return Math.min(Math.max(0, off), lineGross(line));
}

export function lineTotal(line: CartLine): number {
  return lineGross(line) - lineDiscount(line);
}

/** Centavos before discounts. */
export function cartSubtotal(lines: readonly CartLine[]): number {
  return lines.reduce((sum, l) => sum + lineGross(l), 0);
}

export function cartTotal(lines: readonly CartLine[]): number {
  return lines.reduce((sum, l) => sum + lineTotal(l), 0);
}

export function cartPairs(lines: readonly CartLine[]): number {
  return lines.reduce((sum, l) => sum + l.qty, 0);
}

/** The share of the line taken off, in percent (0 for an empty line). */
export function discountPct(line: CartLine): number {
  const gross = lineGross(line);
  return gross === 0 ? 0 : (lineDiscount(line) * 100) / gross;
}

/** Whether a line's discount, as it stands now, is above `limitPct` percent. */
export function aboveLimit(line: CartLine, limitPct: number): boolean {
  // A hair of tolerance: 10% of $599.00 rounds to the centavo and must still count as 10%.
  return discountPct(line) > limitPct + 1e-9;
}

/**
 * Lines above the limit that no manager approved as they stand now. An approval covers the
 * percentage approved, so fewer pairs under a fixed-amount discount need approving again.
 */
export function unapproved(lines: readonly CartLine[], limitPct: number): CartLine[] {
  return lines.filter((l) => aboveLimit(l, limitPct) && !(l.approval && discountPct(l) <= l.approval.pct + 1e-9));
}

/**
 * Who approved the discounts that needed it, for the sale's `approvedBy`; undefined when none
 * did. One name: a sale carries one manager's signature (see reassignApprovals).
 */
export function approvers(lines: readonly CartLine[], limitPct: number): string | undefined {
  const names = [...new Set(lines.filter((l) => aboveLimit(l, limitPct) && l.approval).map((l) => l.approval!.by))];
  return names.length === 1 ? names[0] : undefined;
}

/**
 * Every approval in the cart, now given by `by`: the manager who approves last signs the whole
 * sale, the discounts another manager approved before included, so a sale has one approver.
 */
export function reassignApprovals(lines: readonly CartLine[], by: string): CartLine[] {
  return lines.map((l) => (l.approval && l.approval.by !== by ? { ...l, approval: { ...l.approval, by } } : l));
}

/** Why a discount cannot be applied as typed, or undefined when it can. */
export function discountProblem(line: CartLine, discount: Discount): 'pct-range' | 'amount-range' | undefined {
  if (!Number.isFinite(discount.value) || discount.value < 0) return discount.kind === 'pct' ? 'pct-range' : 'amount-range';
  if (discount.kind === 'pct' && discount.value > 100) return 'pct-range';
  if (discount.kind === 'amount' && (!Number.isInteger(discount.value) || discount.value > lineGross(line))) return 'amount-range';
  return undefined;
}

export interface Tender {
  /** Cash handed over, centavos (NaN when unreadable). */
  cash: number;
  /** The card part of a mixed payment, centavos (NaN when unreadable). */
  card: number;
}

export type PaymentPlan =
  | { ok: true; payments: Payment[]; change: number }
  | { ok: false; problem: 'cash-unreadable' | 'cash-short' | 'card-unreadable' | 'card-over' };

/**
 * What the customer pays and gets back. Cash keeps what was handed over (the change is worked
 * out); card is the exact total; mixed is a card part below the total and cash for the rest.
 */
export function paymentPlan(method: PayMethod, total: number, tender: Tender): PaymentPlan {
  if (method === 'card') return { ok: true, payments: [{ method: 'card', amount: total }], change: 0 };
  let card = 0;
  if (method === 'mixed') {
    if (!Number.isInteger(tender.card) || tender.card <= 0) return { ok: false, problem: 'card-unreadable' };
    if (tender.card >= total) return { ok: false, problem: 'card-over' };
    card = tender.card;
  }
  if (!Number.isInteger(tender.cash) || tender.cash < 0) return { ok: false, problem: 'cash-unreadable' };
  const due = total - card;
  if (tender.cash < due) return { ok: false, problem: 'cash-short' };
  const payments: Payment[] = card > 0 ? [{ method: 'card', amount: card }, { method: 'cash', amount: tender.cash }] : [{ method: 'cash', amount: tender.cash }];
  return { ok: true, payments, change: tender.cash - due };
}
