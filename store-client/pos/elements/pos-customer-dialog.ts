// Chooses the customer of a sale: look one up by phone or name, or register a new one (its
// personal data encrypted before it is written; see services/customer-directory). `pick()`
// resolves with the customer, or undefined when closed without one.

import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { asPhone } from '../customer-search.js';
import { t } from '../i18n/locale.js';
import type { CustomerSummary } from '../services/customer-directory.js';
import { errorText } from '../services/pos-error.js';
import { till } from '../services/till.js';
import { DialogAnswer } from './dialog-answer.js';
import { controls, dialogs } from './shared-styles.js';

@customElement('pos-customer-dialog')
export class PosCustomerDialog extends LitElement {
  static override styles = [controls, dialogs, css`
    dialog { width: min(36rem, 94vw); }
    ul { list-style: none; margin: 0.5rem 0; padding: 0; border: 1px solid #dde2e7; border-radius: 0.5rem; }
    li { display: flex; align-items: center; justify-content: space-between; gap: 1rem; padding: 0.4rem 0.75rem; border-bottom: 1px solid #eef1f4; }
    li:last-child { border-bottom: 0; }
    h3 { font-size: 1rem; margin: 1.25rem 0 0; }
    .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1rem; }
  `];

  @state() private results: CustomerSummary[] = [];
  @state() private searched = false;
  @state() private error = '';
  @state() private busy = false;
  @query('dialog') private dialog!: HTMLDialogElement;
  @query('input[name=search]') private searchInput!: HTMLInputElement;
  @query('form') private form!: HTMLFormElement;

  private readonly answer = new DialogAnswer<CustomerSummary>();
  private query = 0;
  private readonly i18n = new LocaleController(this);

  async pick(): Promise<CustomerSummary | undefined> {
    this.results = [];
    this.searched = false;
    this.error = '';
    await this.updateComplete;
    this.form?.reset();
    if (this.searchInput) this.searchInput.value = '';
    this.dialog.showModal();
    return this.answer.wait();
  }

  override render() {
    const ready = till.snapshot.customersReady;
    return html`
      <dialog aria-labelledby="cust-title" @close=${() => this.answer.answer(undefined)}>
        <h2 id="cust-title">${t('custd.title')}</h2>
        ${ready ? this.renderSearch() : html`<p role="alert">${t('custd.unavailable')}</p>`}
        <div class="actions"><button type="button" @click=${() => this.dialog.close()}>${t('custd.close')}</button></div>
      </dialog>
    `;
  }

  private renderSearch() {
    return html`
      <label>${t('custd.search')}
        <input name="search" type="search" autocomplete="off" autofocus data-testid="customer-search" @input=${this.search} />
      </label>
      ${this.results.length > 0
        ? html`<ul aria-label=${t('custd.results')} data-testid="customer-results">${this.results.map((c) => html`
            <li><span>${c.name}${c.phone ? html` <span class="muted">· ${c.phone}</span>` : nothing}</span>
              <button type="button" @click=${() => this.finish(c)} aria-label="${t('custd.use')}: ${c.name}">${t('custd.use')}</button></li>`)}</ul>`
        : this.searched ? html`<p class="muted">${t('custd.noResults')}</p>` : nothing}
      <h3>${t('custd.new')}</h3>
      <form @submit=${this.register}>
        <label>${t('custd.name')}<input name="name" autocomplete="off" required data-testid="customer-name" /></label>
        <div class="grid">
          <label>${t('custd.phone')}<input name="phone" type="tel" autocomplete="off" data-testid="customer-phone" /></label>
          <label>${t('custd.email')}<input name="email" type="email" autocomplete="off" /></label>
          <label>${t('custd.taxId')}<input name="taxId" autocomplete="off" /></label>
        </div>
        <p class="error" role="alert">${this.error}</p>
        <div class="actions"><button type="submit" class="primary" ?disabled=${this.busy} data-testid="customer-save">${t('custd.save')}</button></div>
      </form>
    `;
  }

  private async search(e: InputEvent) {
    const text = (e.target as HTMLInputElement).value;
    const mine = ++this.query;
    const found = text.trim().length < 2 ? [] : await till.customers.search(text).catch(() => []);
    if (mine !== this.query) return;
    this.results = found;
    this.searched = text.trim().length >= 2;
  }

  private async register(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(this.form);
    const field = (k: string) => String(data.get(k) ?? '').trim() || undefined;
    const name = field('name');
    const phone = field('phone');
    if (!name) return void (this.error = t('custd.nameRequired'));
    if (phone !== undefined && asPhone(phone) === undefined) return void (this.error = t('custd.phoneInvalid'));
    this.busy = true;
    this.error = '';
    try {
      const input = { name, ...(phone ? { phone } : {}), ...(field('email') ? { email: field('email') } : {}), ...(field('taxId') ? { taxId: field('taxId') } : {}) };
      this.finish(await till.customers.register(input));
    } catch (err) {
      this.error = t('custd.failed', { reason: errorText(err) });
    } finally {
      this.busy = false;
    }
  }

  private finish(c: CustomerSummary) {
    this.answer.answer(c);
    this.dialog.close();
  }

}

declare global {
  interface HTMLElementTagNameMap {
    'pos-customer-dialog': PosCustomerDialog;
  }
}
