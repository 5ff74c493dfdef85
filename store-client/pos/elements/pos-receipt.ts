// A ticket: a sale, or a return or void of one, as receipt.ts describes it. On screen it is the
// "last sale" panel; print.ts renders it alone into the page's print area for paper (80 mm
// roll: narrow, black on white, no buttons).

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { formatDateTime, formatMoney } from '../format.js';
import { t } from '../i18n/locale.js';
import type { ReceiptView } from '../receipt.js';

@customElement('pos-receipt')
export class PosReceipt extends LitElement {
  static override styles = css`
    :host { display: block; font-size: 0.9rem; color: #2b3741; font-variant-numeric: tabular-nums; }
    :host([paper]) { width: 72mm; font: 11pt/1.35 'DejaVu Sans Mono', 'Courier New', monospace; color: #000; }
    h2 { font-size: 1rem; margin: 0 0 0.25rem; }
    :host([paper]) h2 { text-align: center; font-size: 12pt; }
    .store { margin-bottom: 0.5rem; }
    :host([paper]) .store { text-align: center; }
    .row { display: flex; justify-content: space-between; gap: 0.75rem; }
    .sub { color: #56626e; padding-left: 1rem; }
    :host([paper]) .sub { color: #000; }
    .folio { color: #56626e; word-break: break-all; font-size: 0.8rem; margin: 0.25rem 0 0.5rem; }
    :host([paper]) .folio { color: #000; }
    hr { border: 0; border-top: 1px dashed #8c98a4; margin: 0.4rem 0; }
    .thanks { text-align: center; margin-top: 0.75rem; }
  `;

  /** The ticket to show; nothing is rendered without one. */
  @property({ attribute: false }) view: ReceiptView | undefined;
  /** Paper layout, for printing. */
  @property({ type: Boolean, reflect: true }) paper = false;

  private readonly i18n = new LocaleController(this);

  override render() {
    const v = this.view;
    if (!v) return nothing;
    const title = v.kind === 'sale' ? (this.paper ? v.store.name ?? v.store.id : t('receipt.last')) : t(v.kind === 'void' ? 'receipt.voidTitle' : 'receipt.returnTitle');
    return html`
      <h2>${title}</h2>
      ${this.paper ? html`<div class="store">${v.kind === 'sale' ? v.store.city ?? '' : v.store.name ?? v.store.id}</div>` : nothing}
      <div class="row"><span>${t('receipt.date')}</span><span>${formatDateTime(v.at)}</span></div>
      <div class="row"><span>${t('receipt.cashier')}</span><span>${v.cashier}</span></div>
      ${v.customer ? html`<div class="row"><span>${t('receipt.customer')}</span><span data-testid="receipt-customer">${v.customer}</span></div>` : nothing}
      <div class="folio">${t('receipt.folio')}: <span data-testid="folio">${v.folio}</span></div>
      ${v.ofSale ? html`<div class="folio">${t('receipt.ofSale')}: ${v.ofSale}</div>` : nothing}
      <hr />
      ${v.lines.map((l) => html`
        <div class="row"><span>${l.qty} × ${l.name}${l.size ? ` (${t('receipt.size', { size: l.size })})` : ''}</span><span>${formatMoney(l.qty * l.unitPrice)}</span></div>
        ${l.discount > 0 ? html`<div class="row sub"><span>${t('receipt.discount')}</span><span>−${formatMoney(l.discount)}</span></div>` : nothing}`)}
      <hr />
      <div class="row"><strong>${v.kind === 'sale' ? t('receipt.total') : t('receipt.refund')}</strong><strong data-testid="receipt-total">${formatMoney(v.total)}</strong></div>
      ${v.money.map((p) => html`<div class="row"><span>${t(`method.${p.method}`)}</span><span>${formatMoney(p.amount)}</span></div>`)}
      ${v.change > 0 ? html`<div class="row"><span>${t('receipt.change')}</span><span data-testid="receipt-change">${formatMoney(v.change)}</span></div>` : nothing}
      ${v.reason ? html`<div class="row"><span>${t('receipt.reason')}</span><span>${v.reason}</span></div>` : nothing}
      ${v.approvedBy ? html`<div class="row"><span>${t('receipt.approvedBy')}</span><span>${v.approvedBy}</span></div>` : nothing}
      ${this.paper && v.kind === 'sale' ? html`<div class="thanks">${t('receipt.thanks')}</div>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pos-receipt': PosReceipt;
  }
}
