// The returns desk: find a sale by its folio or pick one of the store's latest, then give units
// back or void it (pos-return-form); the recorded return's ticket shows and prints like a sale's.
// All of it reads and writes the local store database, so it works offline.

import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Return } from '../../../validators/types.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { formatMoney, formatTime, stampTime } from '../format.js';
import { t } from '../i18n/locale.js';
import { printReceipt } from '../print.js';
import { saleIdOf, saleState } from '../sale-state.js';
import { errorText } from '../services/pos-error.js';
import { recentSales, saleEntry, type SaleEntry } from '../services/sales-book.js';
import { till } from '../services/till.js';
import './pos-receipt.js';
import './pos-return-form.js';
import { controls, desk } from './shared-styles.js';

@customElement('pos-returns')
export class PosReturns extends LitElement {
  static override styles = [controls, desk, css`
    h2 { margin: 0 0 1rem; font-size: 1.25rem; }
    form { display: flex; gap: 0.5rem; align-items: end; margin-bottom: 1rem; }
    form label { flex: 1; }
    form input { display: block; width: 100%; margin-top: 0.35rem; }
    table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
    th { text-align: left; font-size: 0.85rem; color: #56626e; border-bottom: 1px solid #dde2e7; padding: 0.4rem 0.25rem; }
    td { padding: 0.3rem 0.25rem; border-bottom: 1px solid #eef1f4; }
    .notice { min-height: 1.5rem; margin: 0.5rem 0; color: #1d6f5f; }
    .wide { width: 100%; margin-top: 0.75rem; }
  `];

  @state() private sales: SaleEntry[] = [];
  @state() private open: SaleEntry | undefined;
  @state() private last: Return | undefined;
  @state() private notice = '';
  @state() private error = '';

  private readonly i18n = new LocaleController(this);

  /** Reads the latest sales again (the app calls it when the desk is shown). */
  async refresh(): Promise<void> {
    try {
      this.sales = await recentSales();
    } catch (err) {
      this.error = errorText(err);
    }
  }

  override render() {
    return html`
      <section aria-labelledby="ret-title">
        <h2 id="ret-title">${t('ret.title')}</h2>
        <form @submit=${this.find}>
          <label>${t('ret.find')}<input name="folio" autocomplete="off" data-testid="sale-folio" /></label>
          <button type="submit">${t('ret.findButton')}</button>
        </form>
        <p class="error" role="alert">${this.error}</p>
        ${this.open
          ? html`<pos-return-form .entry=${this.open} @pos-return-recorded=${this.recorded} @pos-return-back=${() => (this.open = undefined)}></pos-return-form>`
          : this.renderList()}
      </section>
      <section aria-label=${t('receipt.returnTitle')}>
        <div class="notice" role="status" data-testid="return-notice">${this.notice}</div>
        ${this.last ? html`<pos-receipt .view=${till.receipt(this.last)}></pos-receipt>
          <button class="wide" data-testid="print-return" @click=${() => void printReceipt(till.receipt(this.last!))}>${t('receipt.print')}</button>` : nothing}
      </section>
    `;
  }

  private renderList() {
    if (this.sales.length === 0) return html`<p class="muted">${t('ret.none')}</p>`;
    return html`<table aria-label=${t('ret.recent')}>
      <thead><tr><th>${t('ret.time')}</th><th>${t('ret.items')}</th><th class="num">${t('pay.total')}</th><th>${t('ret.state')}</th><th></th></tr></thead>
      <tbody>${this.sales.map((e) => {
        const state = saleState(e.sale, e.prior);
        return html`<tr data-testid="recent-sale" data-id=${e.sale._id}>
          <td>${formatTime(stampTime(e.sale.updatedAt))}</td>
          <td>${e.sale.lines.reduce((n, l) => n + l.qty, 0)}</td>
          <td class="num">${formatMoney(e.sale.total)}</td>
          <td>${state === 'voided' ? t('ret.voided') : state === 'open' ? '' : state === 'returned' ? t('ret.allReturned') : t('ret.partly')}</td>
          <td><button @click=${() => (this.open = e)} aria-label="${t('ret.open')} ${formatTime(stampTime(e.sale.updatedAt))}">${t('ret.open')}</button></td>
        </tr>`;
      })}</tbody>
    </table>`;
  }

  private async find(e: SubmitEvent) {
    e.preventDefault();
    const text = String(new FormData(e.target as HTMLFormElement).get('folio') ?? '').trim();
    if (text === '') return;
    this.error = '';
    const entry = await saleEntry(saleIdOf(text, till.required().identity.store)).catch((err: unknown) => {
      this.error = errorText(err);
      return undefined;
    });
    if (entry) this.open = entry;
    else if (!this.error) this.error = t('ret.notFound', { id: text });
  }

  private async recorded(e: CustomEvent<Return>) {
    this.last = e.detail;
    this.notice = t(e.detail.kind === 'void' ? 'ret.voidedDone' : 'ret.returned', { amount: formatMoney(e.detail.total) });
    this.open = undefined;
    await this.refresh();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pos-returns': PosReturns;
  }
}
