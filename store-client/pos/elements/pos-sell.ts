// The sell screen, keyboard first: type or scan a SKU or barcode and press Enter; adjust
// quantities; choose cash (with change) or card; "Cobrar" records one signed sale locally,
// whether or not central is reachable, and focus returns to the code field. Text that is not
// an exact code searches models by name or colour: a short list (arrows + Enter), then the
// size grid. Over 150 lines: the model list stays in this shadow root because the code field's
// aria-activedescendant cannot point into another element's shadow root.

import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { CartController } from '../controllers/cart-controller.js';
import { CatalogSearchController } from '../controllers/catalog-search-controller.js';
import { formatMoney, parsePesos } from '../format.js';
import type { PayMethod } from '../cart.js';
import type { Sale } from '../../../validators/types.js';
import './pos-receipt.js';
import './pos-size-grid.js';
import type { PosSizeGrid, SizePicked } from './pos-size-grid.js';

@customElement('pos-sell')
export class PosSell extends LitElement {
  static override styles = css`
    :host { display: grid; grid-template-columns: minmax(0, 1fr) 22rem; gap: 1.25rem; padding: 1.25rem; }
    section { background: #fff; border-radius: 0.75rem; padding: 1.25rem; box-shadow: 0 1px 6px rgb(0 0 0 / 6%); }
    label { font-weight: 600; color: #1f2d3a; }
    .code { display: block; width: 100%; box-sizing: border-box; margin-top: 0.4rem; padding: 0.9rem; font-size: 1.4rem; border: 2px solid #b9c2cb; border-radius: 0.5rem; }
    .code:focus { outline: none; border-color: #1d6f5f; }
    .notice { min-height: 1.5rem; margin: 0.75rem 0; }
    .notice[data-kind='warn'] { color: #8a5a00; }
    .notice[data-kind='error'] { color: #a3281c; }
    .notice[data-kind='info'] { color: #1d6f5f; }
    .scanned { color: #5b6773; min-height: 1.5rem; }
    table { width: 100%; border-collapse: collapse; margin-top: 0.5rem; font-variant-numeric: tabular-nums; }
    th { text-align: left; font-size: 0.85rem; color: #5b6773; border-bottom: 1px solid #dde2e7; padding: 0.5rem 0.25rem; }
    td { padding: 0.5rem 0.25rem; border-bottom: 1px solid #eef1f4; }
    td.num, th.num { text-align: right; }
    .qty { display: inline-flex; align-items: center; gap: 0.5rem; }
    .qty button { width: 2.75rem; height: 2.75rem; font-size: 1.2rem; border-radius: 0.4rem; border: 1px solid #b9c2cb; background: #f6f7f9; cursor: pointer; }
    .empty { color: #8a96a3; padding: 2rem 0; text-align: center; }
    .total { font-size: 2.4rem; font-weight: 700; color: #1f2d3a; margin: 0.25rem 0 1rem; font-variant-numeric: tabular-nums; }
    .methods { display: grid; grid-template-columns: 1fr 1fr; gap: 0.5rem; margin-bottom: 1rem; }
    .methods button { min-height: 3rem; font-size: 1.05rem; border-radius: 0.4rem; border: 2px solid #b9c2cb; background: #fff; cursor: pointer; }
    .methods button[aria-pressed='true'] { border-color: #1d6f5f; background: #e6f3f0; font-weight: 600; }
    .received { display: block; width: 100%; box-sizing: border-box; margin-top: 0.4rem; padding: 0.75rem; font-size: 1.3rem; border: 1px solid #b9c2cb; border-radius: 0.4rem; }
    .change { min-height: 2rem; margin: 0.75rem 0; font-size: 1.2rem; font-variant-numeric: tabular-nums; }
    .pay { width: 100%; min-height: 3.5rem; font-size: 1.3rem; font-weight: 700; color: #fff; background: #1d6f5f; border: 0; border-radius: 0.5rem; cursor: pointer; }
    .pay[disabled] { background: #9fb8b2; cursor: not-allowed; }
    .models { list-style: none; margin: 0.5rem 0; padding: 0; border: 1px solid #dde2e7; border-radius: 0.5rem; overflow: hidden; }
    .models li { display: flex; justify-content: space-between; gap: 1rem; padding: 0.7rem 0.9rem; min-height: 1.5rem; cursor: pointer; border-bottom: 1px solid #eef1f4; }
    .models li:last-child { border-bottom: 0; }
    .models li[aria-selected='true'], .models li:hover { background: #e6f3f0; }
    .models small { color: #5b6773; font-variant-numeric: tabular-nums; }
    .secondary { margin-top: 0.75rem; width: 100%; min-height: 2.75rem; border: 1px solid #b9c2cb; background: #fff; border-radius: 0.4rem; cursor: pointer; }
  `;

  @state() private method: PayMethod = 'cash';
  @state() private receivedText = '';
  @query('.code') private codeInput!: HTMLInputElement;
  @query('pos-size-grid') private sizeGrid: PosSizeGrid | null | undefined;

  private readonly cart = new CartController(this);
  private readonly search = new CatalogSearchController(this);

  override firstUpdated() {
    this.codeInput.focus();
  }

  override render() {
    const c = this.cart;
    return html`
      <section aria-label="Venta">
        <label>Código o SKU
          <input class="code" data-testid="code" autocomplete="off" placeholder="Escanee, o escriba modelo o color, y pulse Enter"
            role="combobox" aria-controls="models" aria-expanded=${this.search.results.length > 0}
            aria-activedescendant=${this.search.active >= 0 ? `model-${this.search.active}` : nothing}
            @keydown=${this.onCodeKey} @input=${(e: InputEvent) => this.search.query((e.target as HTMLInputElement).value)} />
        </label>
        ${this.renderModels()}
        <div class="scanned" data-testid="scanned">${c.scanned
          ? html`${c.scanned.name} · Existencia en tienda: <strong data-testid="stock">${c.scanned.stock ?? '…'}</strong>`
          : nothing}</div>
        <div class="notice" data-kind=${c.notice?.kind ?? 'info'} role="status" data-testid="notice">${c.notice?.text ?? ''}</div>
        ${this.search.chosen ? html`<pos-size-grid .model=${this.search.chosen} @pos-size-picked=${this.onSizePicked}></pos-size-grid>` : nothing}
        ${c.lines.length === 0
          ? html`<p class="empty">Carrito vacío</p>`
          : html`<table>
              <thead><tr><th>Producto</th><th>Cantidad</th><th class="num">Precio</th><th class="num">Importe</th></tr></thead>
              <tbody>${c.lines.map((l) => html`<tr>
                <td>${l.name}<br /><small>${l.sku}</small></td>
                <td><span class="qty">
                  <button aria-label="Quitar uno" @click=${() => c.setQty(l.sku, l.qty - 1)}>−</button>
                  <span>${l.qty}</span>
                  <button aria-label="Agregar uno" @click=${() => c.setQty(l.sku, l.qty + 1)}>+</button>
                </span></td>
                <td class="num">${formatMoney(l.unitPrice)}</td>
                <td class="num">${formatMoney(l.unitPrice * l.qty)}</td>
              </tr>`)}</tbody>
            </table>`}
      </section>
      <section aria-label="Cobro">
        <div>Total</div>
        <div class="total" data-testid="total">${formatMoney(c.total)}</div>
        <div class="methods" role="group" aria-label="Forma de pago">
          <button aria-pressed=${this.method === 'cash'} @click=${() => (this.method = 'cash')}>Efectivo</button>
          <button aria-pressed=${this.method === 'card'} @click=${() => (this.method = 'card')}>Tarjeta</button>
        </div>
        ${this.method === 'cash' ? this.renderCash() : html`<div class="change">Cobro con tarjeta por ${formatMoney(c.total)}</div>`}
        <button class="pay" data-testid="pay" ?disabled=${!this.canPay()} @click=${this.pay}>${c.busy ? 'Registrando…' : 'Cobrar'}</button>
        <button class="secondary" ?disabled=${c.lines.length === 0} @click=${() => { c.clear(); this.search.clear(); this.codeInput.focus(); }}>Cancelar venta</button>
        ${c.lastSale ? html`<pos-receipt .sale=${c.lastSale}></pos-receipt>` : nothing}
      </section>
    `;
  }

  private renderModels() {
    const { results, active } = this.search;
    if (results.length === 0) return nothing;
    return html`<ul class="models" id="models" role="listbox" aria-label="Modelos" data-testid="models">
      ${results.map((m, i) => html`<li id="model-${i}" role="option" aria-selected=${i === active} data-testid="model"
          @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.pickModel(i)}>
        <span>${m.model} · ${m.colour}</span><small>${m.stem}… · ${m.sizes.length} tallas · ${formatMoney(m.price)}</small>
      </li>`)}
    </ul>`;
  }

  private renderCash() {
    const received = parsePesos(this.receivedText);
    const change = Number.isNaN(received) ? undefined : received - this.cart.total;
    return html`
      <label>Recibido (pesos)
        <input class="received" data-testid="received" inputmode="decimal" .value=${this.receivedText}
          @input=${(e: InputEvent) => (this.receivedText = (e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && this.pay()} />
      </label>
      <div class="change" data-testid="change">${change !== undefined && this.cart.total > 0
        ? change >= 0 ? html`Cambio: <strong>${formatMoney(change)}</strong>` : html`Faltan ${formatMoney(-change)}`
        : nothing}</div>
    `;
  }

  private canPay(): boolean {
    const c = this.cart;
    if (c.busy || c.lines.length === 0) return false;
    if (this.method === 'card') return true;
    const received = parsePesos(this.receivedText);
    return !Number.isNaN(received) && received >= c.total;
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
    if (input.value.trim() === '') return;
    // An exact code always scans (the scanner's path); otherwise the highlighted or first model.
    if (s.active < 0 && s.isExactCode(input.value)) s.clear();
    else if (s.results.length > 0) {
      e.preventDefault(); // or the keypress would land on the size the grid focuses
      return this.pickModel();
    }
    if (this.cart.scan(input.value)) input.value = '';
    else input.select();
  }

  private pickModel(index?: number) {
    if (!this.search.choose(index)) return;
    this.codeInput.value = '';
    void this.updateComplete.then(() => this.sizeGrid?.focusFirst());
  }

  private onSizePicked(e: CustomEvent<SizePicked>) {
    this.cart.scan(e.detail.sku);
    this.codeInput.focus();
  }

  private async pay() {
    if (!this.canPay()) return;
    const sale = await this.cart.checkout(this.method, this.method === 'cash' ? parsePesos(this.receivedText) : 0);
    if (sale) {
      this.receivedText = '';
      this.search.clear();
      this.dispatchEvent(new CustomEvent<Sale>('pos-sale-recorded', { detail: sale, bubbles: true, composed: true }));
    }
    this.codeInput.focus();
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
