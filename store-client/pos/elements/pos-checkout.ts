// The payment panel: subtotal, discounts and total, the method (cash with change, card, or card
// plus cash), what was handed over, and "Cobrar". It works out the payments (cart.paymentPlan)
// and fires `pos-pay` with them; the sell screen records the sale and calls reset().

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { paymentPlan, type PayMethod, type Payment, type PaymentPlan } from '../cart.js';
import { formatMoney, parsePesos } from '../format.js';
import { t } from '../i18n/locale.js';
import { controls } from './shared-styles.js';

const METHODS: readonly PayMethod[] = ['cash', 'card', 'mixed'];

@customElement('pos-checkout')
export class PosCheckout extends LitElement {
  static override styles = [controls, css`
    :host { display: block; }
    .row { display: flex; justify-content: space-between; color: #56626e; font-variant-numeric: tabular-nums; }
    .total { font-size: 2.4rem; font-weight: 700; margin: 0.25rem 0 1rem; font-variant-numeric: tabular-nums; }
    .methods { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0.5rem; margin-bottom: 1rem; }
    .methods button { min-height: 3rem; border-width: 2px; }
    .methods button[aria-pressed='true'] { border-color: #1d6f5f; background: #e6f3f0; font-weight: 600; }
    label { display: block; margin-bottom: 0.5rem; }
    label input { display: block; width: 100%; margin-top: 0.35rem; font-size: 1.3rem; }
    .change { min-height: 2rem; margin: 0.5rem 0; font-size: 1.15rem; font-variant-numeric: tabular-nums; }
    .pay { width: 100%; min-height: 3.5rem; font-size: 1.3rem; }
  `];

  /** Centavos due. */
  @property({ type: Number }) total = 0;
  /** Centavos before discounts. */
  @property({ type: Number }) subtotal = 0;
  /** True with an empty cart or while a sale is being recorded. */
  @property({ type: Boolean }) disabled = false;
  @property({ type: Boolean }) busy = false;

  @state() private method: PayMethod = 'cash';
  @state() private cashText = '';
  @state() private cardText = '';
  @query('[data-testid=card-part]') private cardInput: HTMLInputElement | null | undefined;
  @query('[data-testid=received]') private cashInput: HTMLInputElement | null | undefined;
  @query('.pay') private payButton!: HTMLButtonElement;

  private readonly i18n = new LocaleController(this);

  /** Puts the keyboard where the payment is typed (or on "Cobrar" for card). */
  focusPayment(): void {
    (this.method === 'mixed' ? this.cardInput : this.method === 'cash' ? this.cashInput : this.payButton)?.focus();
  }

  reset(): void {
    this.cashText = '';
    this.cardText = '';
  }

  override render() {
    const plan = this.plan();
    return html`
      <div class="row"><span>${t('pay.subtotal')}</span><span>${formatMoney(this.subtotal)}</span></div>
      <div class="row"><span>${t('pay.discounts')}</span><span data-testid="discounts">${formatMoney(this.subtotal - this.total)}</span></div>
      <div>${t('pay.total')}</div>
      <div class="total" data-testid="total">${formatMoney(this.total)}</div>
      <div class="methods" role="group" aria-label=${t('pay.method')}>
        ${METHODS.map((m) => html`<button aria-pressed=${this.method === m} data-testid="method-${m}" @click=${() => (this.method = m)}>${t(`pay.${m}`)}</button>`)}
      </div>
      ${this.method === 'mixed' ? html`<label>${t('pay.cardPart')}
          <input data-testid="card-part" inputmode="decimal" autocomplete="off" .value=${this.cardText}
            @input=${(e: InputEvent) => (this.cardText = (e.target as HTMLInputElement).value)}
            @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && this.cashInput?.focus()} /></label>` : nothing}
      ${this.method !== 'card' ? html`<label>${t('pay.received')}
          <input data-testid="received" inputmode="decimal" autocomplete="off" .value=${this.cashText}
            @input=${(e: InputEvent) => (this.cashText = (e.target as HTMLInputElement).value)}
            @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && this.pay()} /></label>` : nothing}
      <div class="change" data-testid="change" aria-live="polite">${this.describe(plan)}</div>
      <button class="pay primary" data-testid="pay" ?disabled=${!this.canPay(plan)} @click=${this.pay}>${this.busy ? t('pay.busy') : t('pay.charge')}</button>
    `;
  }

  private plan(): PaymentPlan {
    return paymentPlan(this.method, this.total, { cash: parsePesos(this.cashText), card: parsePesos(this.cardText) });
  }

  private canPay(plan: PaymentPlan): boolean {
    return !this.disabled && !this.busy && plan.ok;
  }

  private describe(plan: PaymentPlan) {
    if (this.disabled && !this.busy) return nothing;
    if (this.method === 'card') return t('pay.cardOnly', { amount: formatMoney(this.total) });
    if (plan.ok) return html`${t('pay.change')} <strong>${formatMoney(plan.change)}</strong>`;
    if (plan.problem === 'card-over') return html`<span class="error">${t('pay.cardOver')}</span>`;
    const card = this.method === 'mixed' ? parsePesos(this.cardText) : 0;
    const due = this.total - (Number.isInteger(card) && card > 0 ? card : 0);
    const cash = parsePesos(this.cashText);
    if (plan.problem === 'cash-short' && Number.isInteger(cash)) return t('pay.short', { amount: formatMoney(due - cash) });
    return this.method === 'mixed' && Number.isInteger(card) && card > 0 ? t('pay.cashDue', { amount: formatMoney(due) }) : nothing;
  }

  private pay() {
    const plan = this.plan();
    if (!this.canPay(plan) || !plan.ok) return;
    this.dispatchEvent(new CustomEvent<Payment[]>('pos-pay', { detail: plan.payments, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pos-checkout': PosCheckout;
  }
  interface HTMLElementEventMap {
    'pos-pay': CustomEvent<Payment[]>;
  }
}
