// The last sale as a short receipt: folio, lines, total, payment and change.

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatMoney } from '../format.js';
import type { Sale } from '../../../validators/types.js';

const METHOD: Record<string, string> = { cash: 'Efectivo', card: 'Tarjeta' };

@customElement('pos-receipt')
export class PosReceipt extends LitElement {
  static override styles = css`
    :host { display: block; margin-top: 1.25rem; padding-top: 1rem; border-top: 1px dashed #b9c2cb; font-size: 0.9rem; color: #3a4652; font-variant-numeric: tabular-nums; }
    h2 { font-size: 1rem; margin: 0 0 0.5rem; }
    .row { display: flex; justify-content: space-between; }
    .folio { color: #8a96a3; word-break: break-all; margin-bottom: 0.5rem; }
  `;

  /** The sale to show; nothing is rendered without one. */
  @property({ attribute: false }) sale: Sale | undefined;

  override render() {
    const s = this.sale;
    if (!s) return nothing;
    return html`
      <h2>Última venta</h2>
      <div class="folio" data-testid="folio">${s._id}</div>
      ${s.lines.map((l) => html`<div class="row"><span>${l.qty} × ${l.sku}</span><span>${formatMoney(l.qty * l.unitPrice - l.discount)}</span></div>`)}
      <div class="row"><strong>Total</strong><strong>${formatMoney(s.total)}</strong></div>
      ${s.payments.map((p) => html`<div class="row"><span>${METHOD[p.method] ?? p.method}</span><span>${formatMoney(p.amount)}</span></div>`)}
      ${s.change > 0 ? html`<div class="row"><span>Cambio</span><span>${formatMoney(s.change)}</span></div>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pos-receipt': PosReceipt;
  }
}
