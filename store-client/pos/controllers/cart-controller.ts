// The sell screen's state: the cart, the last scanned product with its stock on hand, the
// payment, and the checkout that records a signed sale in the local store database.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Sale } from '../../../validators/types.js';
import { addToCart, cartTotal, paymentsFor, setQty, type CartLine, type PayMethod } from '../cart.js';
import { till } from '../services/till.js';

export interface Scanned {
  sku: string;
  name: string;
  /** Stock on hand at this store before this cart (undefined while it is being read). */
  stock: number | undefined;
}

export class CartController implements ReactiveController {
  lines: CartLine[] = [];
  scanned: Scanned | undefined;
  /** A message for the cashier about the last scan or checkout. */
  notice: { kind: 'info' | 'warn' | 'error'; text: string } | undefined;
  lastSale: Sale | undefined;
  busy = false;
  /** Milliseconds the last checkout took (recordSale: sign, validate, write). */
  lastCommitMs: number | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  get total(): number {
    return cartTotal(this.lines);
  }

  /** Adds the product with this SKU or barcode; returns false when it is unknown. */
  scan(code: string): boolean {
    const product = till.findProduct(code);
    if (!product) {
      this.notice = { kind: 'error', text: `No se encontró el código «${code.trim()}».` };
      this.host.requestUpdate();
      return false;
    }
    this.lines = addToCart(this.lines, { sku: product.sku, name: product.name, unitPrice: product.price });
    this.scanned = { sku: product.sku, name: product.name, stock: undefined };
    this.notice = undefined;
    this.host.requestUpdate();
    void this.readStock(product.sku);
    return true;
  }

  setQty(sku: string, qty: number): void {
    this.lines = setQty(this.lines, sku, qty);
    this.host.requestUpdate();
  }

  clear(): void {
    this.lines = [];
    this.scanned = undefined;
    this.notice = undefined;
    this.host.requestUpdate();
  }

  async checkout(method: PayMethod, received: number): Promise<Sale | undefined> {
    if (this.busy || this.lines.length === 0) return undefined;
    this.busy = true;
    this.host.requestUpdate();
    const started = performance.now();
    try {
      const sale = await till.sell({
        lines: this.lines.map((l) => ({ sku: l.sku, qty: l.qty, unitPrice: l.unitPrice })),
        payments: paymentsFor(method, this.total, received),
      });
      this.lastCommitMs = performance.now() - started;
      // Read by the e2e test and the benchmark: click-to-written time of each sale.
      performance.measure('pos-sale-commit', { start: started, duration: this.lastCommitMs });
      this.lastSale = sale;
      this.lines = [];
      this.scanned = undefined;
      this.notice = { kind: 'info', text: 'Venta registrada.' };
      return sale;
    } catch (err) {
      this.notice = { kind: 'error', text: `No se registró la venta: ${(err as Error).message}` };
      return undefined;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  private async readStock(sku: string): Promise<void> {
    try {
      const stock = await till.stockOf(sku);
      if (this.scanned?.sku !== sku) return;
      this.scanned = { ...this.scanned, stock };
      const inCart = this.lines.find((l) => l.sku === sku)?.qty ?? 0;
      if (stock - inCart < 0) {
        this.notice = { kind: 'warn', text: `Sin existencia registrada de ${sku} en esta tienda: se puede vender, quedará en negativo para revisar.` };
      }
    } catch {
      // Stock is advisory here; a failed read must not block the sale.
    }
    this.host.requestUpdate();
  }
}
