// The sell screen, keyboard first: type or scan a SKU or barcode and press Enter; text that is
// not an exact code searches models by name or colour (arrows + Enter, then the size grid);
// Enter on the empty field goes to the payment. The cart, the payment panel and the dialogs
// (discount, manager approval, customer) are their own elements; this one holds the cart's
// state and records the sale locally, online or not. Over 150 lines: the model list stays in
// this shadow root because the code field's aria-activedescendant cannot point into another.

import { LitElement, css, html, nothing } from 'lit';
import { customElement, query } from 'lit/decorators.js';
import { CartController } from '../controllers/cart-controller.js';
import { CatalogSearchController } from '../controllers/catalog-search-controller.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { cartSubtotal, type Payment } from '../cart.js';
import { formatMoney } from '../format.js';
import { t } from '../i18n/locale.js';
import { printReceipt } from '../print.js';
import { till } from '../services/till.js';
import type { Sale } from '../../../validators/types.js';
import './pos-approval-dialog.js';
import './pos-cart.js';
import './pos-checkout.js';
import './pos-customer-dialog.js';
import './pos-discount-dialog.js';
import './pos-receipt.js';
import './pos-size-grid.js';
import type { PosApprovalDialog } from './pos-approval-dialog.js';
import type { QtyChange } from './pos-cart.js';
import type { PosCheckout } from './pos-checkout.js';
import type { PosCustomerDialog } from './pos-customer-dialog.js';
import type { PosDiscountDialog } from './pos-discount-dialog.js';
import type { PosSizeGrid, SizePicked } from './pos-size-grid.js';
import { controls, desk } from './shared-styles.js';

@customElement('pos-sell')
export class PosSell extends LitElement {
  static override styles = [controls, desk, css`
    .code { display: block; width: 100%; margin-top: 0.4rem; padding: 0.9rem; font-size: 1.4rem; border-width: 2px; }
    .hint { margin: 0.35rem 0 0; font-size: 0.85rem; }
    .notice { min-height: 3rem; margin: 0.5rem 0; }
    .notice[data-kind='warn'] { color: #7a4a00; }
    .notice[data-kind='error'] { color: #a3281c; }
    .notice[data-kind='info'] { color: #1d6f5f; }
    .scanned { min-height: 1.5rem; }
    .models { list-style: none; margin: 0.5rem 0; padding: 0; border: 1px solid #dde2e7; border-radius: 0.5rem; overflow: hidden; }
    .models li { display: flex; justify-content: space-between; gap: 1rem; padding: 0.7rem 0.9rem; min-height: 1.6rem; cursor: pointer; border-bottom: 1px solid #eef1f4; }
    .models li:last-child { border-bottom: 0; }
    .models li[aria-selected='true'], .models li:hover { background: #e6f3f0; }
    .models small { color: #56626e; font-variant-numeric: tabular-nums; }
    .customer { display: flex; align-items: center; gap: 0.5rem; margin-bottom: 1rem; min-height: 2.75rem; }
    .customer span { flex: 1; }
    .wide { width: 100%; margin-top: 0.75rem; }
    .last { margin-top: 1.25rem; padding-top: 1rem; border-top: 1px dashed #8c98a4; }
  `];

  @query('.code') private codeInput!: HTMLInputElement;
  @query('pos-size-grid') private sizeGrid: PosSizeGrid | null | undefined;
  @query('pos-checkout') private checkoutPanel!: PosCheckout;
  @query('pos-discount-dialog') private discountDialog!: PosDiscountDialog;
  @query('pos-approval-dialog') private approvalDialog!: PosApprovalDialog;
  @query('pos-customer-dialog') private customerDialog!: PosCustomerDialog;

  private readonly cart = new CartController(this);
  private readonly search = new CatalogSearchController(this);
  private readonly i18n = new LocaleController(this);

  override firstUpdated() {
    this.codeInput.focus();
  }

  override render() {
    const c = this.cart;
    const { results, active } = this.search;
    return html`
      <section aria-label=${t('sell.section')}>
        <label>${t('sell.code')}
          <input class="code" data-testid="code" autocomplete="off" placeholder=${t('sell.placeholder')}
            role="combobox" aria-controls="models" aria-expanded=${results.length > 0} aria-describedby="code-hint"
            aria-activedescendant=${active >= 0 ? `model-${active}` : nothing}
            @keydown=${this.onCodeKey} @input=${(e: InputEvent) => this.search.query((e.target as HTMLInputElement).value)} />
        </label>
        <p class="hint muted" id="code-hint">${t('sell.hint')}</p>
        ${results.length > 0 ? html`<ul class="models" id="models" role="listbox" aria-label=${t('sell.models')} data-testid="models">
          ${results.map((m, i) => html`<li id="model-${i}" role="option" aria-selected=${i === active} data-testid="model"
              @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.pickModel(i)}>
            <span>${m.model} · ${m.colour}</span><small>${m.stem}… · ${t('sell.sizes', { n: m.sizes.length })} · ${formatMoney(m.price)}</small>
          </li>`)}</ul>` : nothing}
        <div class="scanned muted" data-testid="scanned">${c.scanned
          ? html`${c.scanned.name} · ${t('sell.stock')} <strong data-testid="stock">${c.scanned.stock ?? '…'}</strong>`
          : nothing}</div>
        <div class="notice" data-kind=${c.notice?.kind ?? 'info'} role="status" data-testid="notice">${c.notice ? t(c.notice.key, c.notice.params) : ''}</div>
        ${this.search.chosen ? html`<pos-size-grid .model=${this.search.chosen} @pos-size-picked=${this.onSizePicked}></pos-size-grid>` : nothing}
        <pos-cart .lines=${c.lines} @pos-qty=${(e: CustomEvent<QtyChange>) => c.setQty(e.detail.sku, e.detail.qty)}
          @pos-discount-request=${(e: CustomEvent<string>) => this.editDiscount(e.detail)}></pos-cart>
      </section>
      <section aria-label=${t('pay.section')}>
        <div class="customer">
          <span>${t('cust.label')}: <strong data-testid="customer">${c.customer?.name ?? t('cust.none')}</strong></span>
          ${c.customer ? html`<button aria-label=${t('cust.remove')} @click=${() => c.setCustomer(undefined)}>×</button>` : nothing}
          <button data-testid="pick-customer" @click=${this.pickCustomer}>${t('cust.pick')}</button>
        </div>
        <pos-checkout .total=${c.total} .subtotal=${cartSubtotal(c.lines)}
          ?disabled=${c.lines.length === 0} ?busy=${c.busy} @pos-pay=${(e: CustomEvent<Payment[]>) => this.pay(e.detail)}></pos-checkout>
        <button class="wide" ?disabled=${c.lines.length === 0} @click=${this.cancelSale}>${t('pay.cancel')}</button>
        ${c.lastSale ? html`<div class="last">
          <pos-receipt .view=${till.receipt(c.lastSale, c.lastCustomer)}></pos-receipt>
          <button class="wide" data-testid="print" @click=${() => void printReceipt(till.receipt(c.lastSale!, c.lastCustomer))}>${t('receipt.print')}</button>
        </div>` : nothing}
      </section>
      <pos-discount-dialog></pos-discount-dialog>
      <pos-approval-dialog></pos-approval-dialog>
      <pos-customer-dialog></pos-customer-dialog>
    `;
  }

  private onCodeKey(e: KeyboardEvent) {
    const s = this.search;
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && s.results.length > 0) {
      e.preventDefault();
      s.move(e.key === 'ArrowDown' ? 1 : -1);
      return;
    }
    if (e.key === 'Escape') return s.clear();
    if (e.key !== 'Enter') return;
    const input = e.target as HTMLInputElement;
    if (input.value.trim() === '') {
      if (this.cart.lines.length > 0) this.checkoutPanel.focusPayment();
      return;
    }
    // An exact code always scans (the scanner's path); otherwise the highlighted or first model.
    if (s.active < 0 && s.isExactCode(input.value)) s.clear();
    else if (s.results.length > 0) {
      e.preventDefault(); // or the keypress would land on the size the grid focuses
      return this.pickModel();
    }
    const code = input.value;
    void this.cart.scan(code).then((found) => {
      // A scanner may have typed the next code meanwhile: clear only what was scanned.
      if (found && input.value === code) input.value = '';
      else if (!found) input.select();
    });
  }

  private pickModel(index?: number) {
    if (!this.search.choose(index)) return;
    this.codeInput.value = '';
    void this.updateComplete.then(() => this.sizeGrid?.focusFirst());
  }

  private onSizePicked(e: CustomEvent<SizePicked>) {
    void this.cart.scan(e.detail.sku);
    this.codeInput.focus();
  }

  private async editDiscount(sku: string) {
    const line = this.cart.lines.find((l) => l.sku === sku);
    if (!line) return;
    const limit = till.cashierDiscountLimitPct();
    const discount = await this.discountDialog.edit(line, limit);
    if (discount !== undefined && this.cart.applyDiscount(sku, discount ?? undefined) === 'needs-approval') {
      // A manager working the till signs too: their name is filled in, their password asked.
      const signer = await this.approvalDialog.ask(t('appr.discount', { pct: limit }), { name: till.approverAtTill() });
      if (signer) this.cart.applyDiscount(sku, discount ?? undefined, signer);
    }
    this.codeInput.focus();
  }

  private async pickCustomer() {
    const customer = await this.customerDialog.pick();
    if (customer) this.cart.setCustomer(customer);
    this.codeInput.focus();
  }

  private cancelSale() {
    this.cart.clear();
    this.search.clear();
    this.checkoutPanel.reset();
    this.codeInput.focus();
  }

  private async pay(payments: Payment[]) {
    const sale = await this.cart.checkout(payments);
    if (sale) {
      this.checkoutPanel.reset();
      this.search.clear();
      this.dispatchEvent(new CustomEvent<Sale>('pos-sale-recorded', { detail: sale, bubbles: true, composed: true }));
    }
    // Once the receipt is rendered, with the frame that paints it: focus lays the page out and the
    // stock refresh reads IndexedDB (the view indexes the sale), none of which the receipt waits for.
    requestAnimationFrame(() => {
      this.codeInput.focus();
      if (!sale) return;
      if (this.sizeGrid) this.sizeGrid.refresh();
      else void till.refreshStock().catch((err: unknown) => console.warn('the stock view was not refreshed after the sale', err));
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pos-sell': PosSell;
  }
  interface HTMLElementEventMap {
    'pos-sale-recorded': CustomEvent<Sale>;
  }
}
