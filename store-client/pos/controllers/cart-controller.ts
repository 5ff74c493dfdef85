// The sell screen's state: the cart (lines, discounts and their approvals, the customer), the
// last scanned product with its stock on hand, a notice for the cashier, and the checkout that
// records one signed sale in the local store database. The approving manager's signer (their
// opened key) is held here only until the sale is recorded or the cart is cleared.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Sale } from '../../../validators/types.js';
import type { ApprovalSigner } from '../../browser.js';
import {
  addToCart, aboveLimit, approvers, cartTotal, discountPct, lineDiscount, reassignApprovals, setDiscount, setQty, unapproved,
  type CartLine, type Discount, type Payment,
} from '../cart.js';
import type { MessageKey } from '../i18n/locale.js';
import type { CustomerSummary } from '../services/customer-directory.js';
import { errorText } from '../services/pos-error.js';
import { till } from '../services/till.js';

export interface Scanned {
  sku: string;
  name: string;
  /** Stock on hand at this store before this cart (undefined while it is being read). */
  stock: number | undefined;
}

export interface Notice {
  kind: 'info' | 'warn' | 'error';
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** A sale's write that takes longer than this shows the checkout as busy (a second click is refused either way). */
const BUSY_SHOWN_AFTER_MS = 150;

export class CartController implements ReactiveController {
  lines: CartLine[] = [];
  customer: CustomerSummary | undefined;
  scanned: Scanned | undefined;
  notice: Notice | undefined;
  lastSale: Sale | undefined;
  /** The name of the last sale's customer, for its receipt. */
  lastCustomer: string | undefined;
  busy = false;
  /** Signs the sale for the manager who approved its discounts; dropped once it is recorded or the cart cleared. */
  private approver: ApprovalSigner | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  get total(): number {
    return cartTotal(this.lines);
  }

  /** Adds the product with this SKU or barcode; resolves false when it is unknown. */
  async scan(code: string): Promise<boolean> {
    const product = await till.findProductSoon(code);
    if (!product) {
      this.say({ kind: 'error', key: 'sell.notFound', params: { code: code.trim() } });
      return false;
    }
    this.lines = addToCart(this.lines, { sku: product.sku, name: product.name, unitPrice: product.price });
    this.scanned = { sku: product.sku, name: product.name, stock: undefined };
    this.say(undefined);
    void this.readStock(product.sku);
    return true;
  }

  setQty(sku: string, qty: number): void {
    this.lines = setQty(this.lines, sku, qty);
    this.host.requestUpdate();
  }

  /**
   * Applies (or removes) a line's discount. Above the cashier's limit it needs a manager's
   * signer (a manager working the till signs too); without one nothing changes and the answer
   * is 'needs-approval'. The manager who approves last signs the whole sale.
   */
  applyDiscount(sku: string, discount: Discount | undefined, approver?: ApprovalSigner): 'applied' | 'needs-approval' {
    const line = this.lines.find((l) => l.sku === sku);
    if (!line) return 'applied';
    const next = discount && { ...line, discount };
    const limit = till.cashierDiscountLimitPct();
    let approval: CartLine['approval'];
    if (next && aboveLimit(next, limit)) {
      if (approver === undefined) return 'needs-approval';
      approval = { by: approver.name, pct: discountPct(next) };
    }
    this.lines = setDiscount(this.lines, sku, discount, approval);
    if (approval && approver) {
      this.approver = approver;
      this.lines = reassignApprovals(this.lines, approver.name);
    }
    this.host.requestUpdate();
    return 'applied';
  }

  setCustomer(customer: CustomerSummary | undefined): void {
    this.customer = customer;
    this.host.requestUpdate();
  }

  clear(): void {
    this.approver = undefined;
    this.lines = [];
    this.customer = undefined;
    this.scanned = undefined;
    this.say(undefined);
  }

  async checkout(payments: Payment[]): Promise<Sale | undefined> {
    if (this.busy || this.lines.length === 0) return undefined;
    const limit = till.cashierDiscountLimitPct();
    const approvedBy = approvers(this.lines, limit);
    if (unapproved(this.lines, limit).length > 0 || (approvedBy !== undefined && this.approver?.name !== approvedBy)) {
      this.say({ kind: 'error', key: 'appr.discount', params: { pct: limit } });
      return undefined;
    }
    this.busy = true;
    // The busy label is rendered only for a slow write: rendered at once, its frame is laid out
    // and painted in the middle of a write of a few milliseconds, which then waits for it.
    const slow = setTimeout(() => this.host.requestUpdate(), BUSY_SHOWN_AFTER_MS);
    const started = performance.now();
    try {
      const sale = await till.sell({
        lines: this.lines.map((l) => ({ sku: l.sku, qty: l.qty, unitPrice: l.unitPrice, discount: lineDiscount(l) })),
        payments,
        ...(this.customer ? { customer: this.customer.id } : {}),
        ...(approvedBy ? { approvedBy, approver: this.approver } : {}),
      });
      // Read by the e2e test and the benchmark: click-to-written time of each sale.
      performance.measure('pos-sale-commit', { start: started, duration: performance.now() - started });
      this.lastSale = sale;
      this.lastCustomer = this.customer?.name;
      this.approver = undefined;
      this.lines = [];
      this.customer = undefined;
      this.scanned = undefined;
      this.notice = { kind: 'info', key: 'sell.recorded' };
      return sale;
    } catch (err) {
      this.notice = { kind: 'error', key: 'sell.failed', params: { reason: errorText(err) } };
      return undefined;
    } finally {
      clearTimeout(slow);
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  private say(notice: Notice | undefined): void {
    this.notice = notice;
    this.host.requestUpdate();
  }

  private async readStock(sku: string): Promise<void> {
    try {
      const stock = await till.stockOf(sku);
      if (this.scanned?.sku !== sku) return;
      this.scanned = { ...this.scanned, stock };
      const inCart = this.lines.find((l) => l.sku === sku)?.qty ?? 0;
      if (stock - inCart < 0) this.notice = { kind: 'warn', key: 'sell.noStock', params: { sku } };
    } catch {
      // Stock is advisory here; a failed read must not block the sale.
    }
    this.host.requestUpdate();
  }
}
