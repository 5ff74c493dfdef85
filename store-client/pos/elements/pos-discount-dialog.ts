// Asks for one cart line's discount: a percentage or an amount in pesos, checked as typed
// (cart.discountProblem). `edit(line, limitPct)` resolves with the discount to apply, null to
// remove the line's discount, or undefined when cancelled. Whether a manager must approve it is
// the caller's business (CartController.applyDiscount).

import { LitElement, css, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { discountProblem, lineGross, type CartLine, type Discount } from '../cart.js';
import { formatMoney, parsePesos } from '../format.js';
import { t } from '../i18n/locale.js';
import { DialogAnswer } from './dialog-answer.js';
import { controls, dialogs } from './shared-styles.js';

@customElement('pos-discount-dialog')
export class PosDiscountDialog extends LitElement {
  static override styles = [controls, dialogs, css`
    fieldset { display: flex; gap: 1.5rem; border: 0; padding: 0; margin: 0; }
    fieldset label { display: flex; align-items: center; gap: 0.4rem; min-height: 2.75rem; margin: 0; }
    input[type='radio'] { width: 1.4rem; height: 1.4rem; min-height: 0; }
  `];

  @state() private line: CartLine | undefined;
  @state() private limitPct = 0;
  @state() private kind: Discount['kind'] = 'pct';
  @state() private error = '';
  @query('dialog') private dialog!: HTMLDialogElement;
  @query('input[name=value]') private valueInput!: HTMLInputElement;

  private readonly answer = new DialogAnswer<Discount | null>();
  private readonly i18n = new LocaleController(this);

  async edit(line: CartLine, limitPct: number): Promise<Discount | null | undefined> {
    this.line = line;
    this.limitPct = limitPct;
    this.kind = line.discount?.kind ?? 'pct';
    this.error = '';
    await this.updateComplete;
    const d = line.discount;
    this.valueInput.value = d === undefined ? '' : d.kind === 'pct' ? String(d.value) : (d.value / 100).toFixed(2);
    this.dialog.showModal();
    this.valueInput.select();
    return this.answer.wait();
  }

  override render() {
    const line = this.line;
    return html`
      <dialog aria-labelledby="disc-title" @close=${() => this.answer.answer(undefined)}>
        <h2 id="disc-title">${line ? t('disc.title', { name: line.name }) : ''}</h2>
        <p class="muted">${this.limitPct < 100 ? t('disc.limit', { pct: this.limitPct }) : ''}</p>
        <form @submit=${this.submit}>
          <fieldset>
            <legend class="muted">${t('disc.kind')}</legend>
            ${(['pct', 'amount'] as const).map((k) => html`
              <label>
                <input type="radio" name="kind" value=${k} .checked=${this.kind === k} @change=${() => (this.kind = k)} />
                ${k === 'pct' ? t('disc.pct') : t('disc.amount')}
              </label>`)}
          </fieldset>
          <label>${t('disc.value')} (${this.kind === 'pct' ? '%' : '$'})
            <input name="value" inputmode="decimal" autocomplete="off" required data-testid="discount-value" />
          </label>
          <p class="error" role="alert">${this.error}</p>
          <div class="actions">
            ${line?.discount ? html`<button type="button" @click=${() => this.finish(null)}>${t('disc.remove')}</button>` : ''}
            <button type="button" @click=${() => this.dialog.close()}>${t('disc.cancel')}</button>
            <button type="submit" class="primary" data-testid="discount-apply">${t('disc.apply')}</button>
          </div>
        </form>
      </dialog>
    `;
  }

  private submit(e: SubmitEvent) {
    e.preventDefault();
    const line = this.line;
    if (!line) return;
    const text = this.valueInput.value.trim();
    const value = this.kind === 'pct' ? Number(text.replace(',', '.').replace('%', '')) : parsePesos(text);
    const discount: Discount = { kind: this.kind, value: Number.isNaN(value) ? -1 : value };
    const problem = text === '' ? (this.kind === 'pct' ? 'pct-range' : 'amount-range') : discountProblem(line, discount);
    if (problem === 'pct-range') this.error = t('disc.errPct');
    else if (problem === 'amount-range') this.error = t('disc.errAmount', { max: formatMoney(lineGross(line)) });
    else this.finish(discount);
  }

  private finish(d: Discount | null) {
    this.answer.answer(d);
    this.dialog.close();
  }

}

declare global {
  interface HTMLElementTagNameMap {
    'pos-discount-dialog': PosDiscountDialog;
  }
}
