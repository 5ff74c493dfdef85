// The sizes of one model in one colour with the stock on hand at this store. A click (or Enter
// on a focused size) fires `pos-size-picked` with the SKU; sizes with no stock are dimmed but
// still sellable, since other tills' offline sales are not visible here anyway.

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { SizeStockController } from '../controllers/size-stock-controller.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { formatMoney } from '../format.js';
import { t } from '../i18n/locale.js';
import type { ModelColour } from '../search-catalog.js';

export interface SizePicked {
  sku: string;
  size: string;
}

@customElement('pos-size-grid')
export class PosSizeGrid extends LitElement {
  static override styles = css`
    :host { display: block; margin: 0.75rem 0; }
    .title { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; margin-bottom: 0.5rem; }
    .title strong { font-size: 1.1rem; color: #1f2d3a; }
    .title span { color: #5b6773; font-variant-numeric: tabular-nums; }
    .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(4.5rem, 1fr)); gap: 0.4rem; }
    button { display: flex; min-width: 2.75rem; flex-direction: column; align-items: center; justify-content: center; min-height: 3.5rem; padding: 0.3rem; border: 2px solid #b9c2cb; border-radius: 0.5rem; background: #fff; cursor: pointer; font: inherit; }
    button:hover, button:focus-visible { border-color: #1d6f5f; background: #e6f3f0; }
    button:focus-visible { outline: 3px solid #2f7fc1; outline-offset: 2px; }
    .size { font-size: 1.15rem; font-weight: 700; color: #1f2d3a; }
    .stock { font-size: 0.85rem; color: #1d6f5f; font-variant-numeric: tabular-nums; }
    button[data-empty] { border-style: dashed; background: #f3f5f7; }
    button[data-empty] .stock { color: #a3281c; }
    .hint { color: #56626e; font-size: 0.85rem; margin-top: 0.4rem; }
  `;

  /** The model and colour whose sizes are shown; nothing is rendered without one. */
  @property({ attribute: false }) model: ModelColour | undefined;

  private readonly stock = new SizeStockController(this, () => this.model);
  private readonly i18n = new LocaleController(this);

  /** Puts the keyboard on the first size that has stock (else the first size). */
  async focusFirst(): Promise<void> {
    await this.updateComplete;
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('button')];
    (buttons.find((b) => !b.hasAttribute('data-empty')) ?? buttons[0])?.focus();
  }

  /** Reads the stock again (after a sale, say). */
  refresh(): void {
    this.stock.refresh();
  }

  override render() {
    const m = this.model;
    if (!m) return nothing;
    const stock = this.stock.stock;
    return html`
      <div class="title"><strong>${m.model} · ${m.colour}</strong><span>${formatMoney(m.price)}</span></div>
      <div class="grid" role="group" aria-label=${t('grid.label', { model: m.model, colour: m.colour })} data-testid="size-grid">
        ${m.sizes.map((v) => {
          const n = stock?.[v.sku];
          return html`<button data-testid="size" data-sku=${v.sku} ?data-empty=${n !== undefined && n <= 0}
              aria-label=${t('grid.size', { size: v.size, stock: n ?? t('grid.unknown') })} @click=${() => this.pick(v.sku, v.size)}>
            <span class="size">${v.size}</span>
            <span class="stock" data-testid="size-stock">${n ?? (this.stock.failed ? '?' : '…')}</span>
          </button>`;
        })}
      </div>
      <div class="hint">${t('grid.hint')}</div>
    `;
  }

  private pick(sku: string, size: string) {
    this.dispatchEvent(new CustomEvent<SizePicked>('pos-size-picked', { detail: { sku, size }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pos-size-grid': PosSizeGrid;
  }
  interface HTMLElementEventMap {
    'pos-size-picked': CustomEvent<SizePicked>;
  }
}
