// The cart as plain data, pure: adding a product, changing a quantity, totals, and the
// payments a checkout sends to recordSale. The CartController is its reactive shell.

export interface CartLine {
  sku: string;
  name: string;
  /** Centavos. */
  unitPrice: number;
  qty: number;
}

export type PayMethod = 'cash' | 'card';

export function addToCart(lines: readonly CartLine[], product: Omit<CartLine, 'qty'>): CartLine[] {
  const found = lines.find((l) => l.sku === product.sku);
  if (found) return lines.map((l) => (l === found ? { ...l, qty: l.qty + 1 } : l));
  return [...lines, { ...product, qty: 1 }];
}

/** Sets a line's quantity; 0 or less removes it. */
export function setQty(lines: readonly CartLine[], sku: string, qty: number): CartLine[] {
  if (qty <= 0) return lines.filter((l) => l.sku !== sku);
  return lines.map((l) => (l.sku === sku ? { ...l, qty } : l));
}

export function cartTotal(lines: readonly CartLine[]): number {
  return lines.reduce((sum, l) => sum + l.qty * l.unitPrice, 0);
}

export function cartPairs(lines: readonly CartLine[]): number {
  return lines.reduce((sum, l) => sum + l.qty, 0);
}

/** Cash keeps what was handed over (recordSale works out the change); card is the exact total. */
export function paymentsFor(method: PayMethod, total: number, received: number): { method: PayMethod; amount: number }[] {
  return [{ method, amount: method === 'cash' ? received : total }];
}
