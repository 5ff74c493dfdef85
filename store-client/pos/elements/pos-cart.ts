// The cart as a table: product, quantity (− and + buttons), price, discount and amount per
// line. It only shows; changes go up as `pos-qty` and `pos-discount-request` events.

import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { lineDiscount, lineTotal, type CartLine } from '../cart.js';
import { formatMoney } from '../format.js';
import { t } from '../i18n/locale.js';
import { controls } from './shared-styles.js';

export interface QtyChange {
  sku: string;
  qty: number;
}

@customElement('pos-cart')
export class PosCart extends LitElement {
  static override styles = [controls, css`
    :host { display: block; }
    table { width: 100%; border-collapse: collapse; margin-top: 0.5rem; font-variant-numeric: tabular-nums; }
    th { text-align: left; font-size: 0.85rem; color: #56626e; border-bottom: 1px solid #dde2e7; padding: 0.5rem 0.25rem; }
    td { padding: 0.4rem 0.25rem; border-bottom: 1px solid #eef1f4; vertical-align: middle; }
    th.num, td.num { text-align: right; }
    .qty { display: inline-flex; align-items: center; gap: 0.4rem; }
    .qty button { padding: 0; font-size: 1.2rem; }
    .qty span { min-width: 1.5rem; text-align: center; }
    .off { display: block; color: #8a4b00; font-size: 0.85rem; }
    .empty { color: #56626e; padding: 2rem 0; text-align: center; }
    small { color: #56626e; }
  `];

  /** The cart's lines; an empty cart shows a hint instead of the table. */
  @property({ attribute: false }) lines: readonly CartLine[] = [];

  private readonly i18n = new LocaleController(this);

  override render() {
    if (this.lines.length === 0) return html`<p class="empty">${t('cart.empty')}</p>`;
    return html`
      <table aria-label=${t('cart.label')}>
        <thead><tr>
          <th>${t('cart.product')}</th><th>${t('cart.qty')}</th><th class="num">${t('cart.price')}</th>
          <th class="num">${t('cart.discount')}</th><th class="num">${t('cart.amount')}</th>
        </tr></thead>
        <tbody>${this.lines.map((l) => html`<tr data-testid="cart-line" data-sku=${l.sku}>
          <td>${l.name}<br /><small>${l.sku}</small></td>
          <td><span class="qty">
            <button aria-label=${t('cart.less', { name: l.name })} @click=${() => this.qty(l.sku, l.qty - 1)}>−</button>
            <span data-testid="qty">${l.qty}</span>
            <button aria-label=${t('cart.more', { name: l.name })} @click=${() => this.qty(l.sku, l.qty + 1)}>+</button>
          </span></td>
          <td class="num">${formatMoney(l.unitPrice)}</td>
          <td class="num">
            <button data-testid="discount" aria-label=${t('cart.discountFor', { name: l.name })} @click=${() => this.askDiscount(l.sku)}>%</button>
            ${lineDiscount(l) > 0 ? html`<span class="off">${t('cart.discountOff', { amount: formatMoney(lineDiscount(l)) })}</span>` : ''}
          </td>
          <td class="num" data-testid="line-total">${formatMoney(lineTotal(l))}</td>
        </tr>`)}</tbody>
      </table>
    `;
  }

  private qty(sku: string, qty: number) {
    this.dispatchEvent(new CustomEvent<QtyChange>('pos-qty', { detail: { sku, qty }, bubbles: true, composed: true }));
  }

  private askDiscount(sku: string) {
    this.dispatchEvent(new CustomEvent<string>('pos-discount-request', { detail: sku, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pos-cart': PosCart;
  }
  interface HTMLElementEventMap {
    'pos-qty': CustomEvent<QtyChange>;
    'pos-discount-request': CustomEvent<string>;
  }
}
