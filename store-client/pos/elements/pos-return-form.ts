// One sale at the returns desk: how many units of each line come back (never more than is left
// of it), the reason, how the money goes back, and the refund it makes; then "Registrar
// devolución", or "Cancelar la venta completa" for today's untouched sales. Either needs a
// manager's approval, signed with their key (the approval dialog; a manager working the till
// confirms with their password). Fires `pos-return-recorded` with the stored document.

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Return } from '../../../validators/types.js';
import { buildReturn, returnable, type ApprovalSigner, type ReturnInput } from '../../browser.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { formatDateTime, formatMoney, stampTime } from '../format.js';
import { t } from '../i18n/locale.js';
import { mayVoid } from '../sale-state.js';
import { errorText } from '../services/pos-error.js';
import { giveBack, voidSale, type SaleEntry } from '../services/sales-book.js';
import { till } from '../services/till.js';
import './pos-approval-dialog.js';
import type { PosApprovalDialog } from './pos-approval-dialog.js';
import { controls } from './shared-styles.js';

@customElement('pos-return-form')
export class PosReturnForm extends LitElement {
  static override styles = [controls, css`
    :host { display: block; }
    h3 { margin: 0 0 0.25rem; font-size: 1.1rem; word-break: break-all; }
    table { width: 100%; border-collapse: collapse; margin: 0.75rem 0; font-variant-numeric: tabular-nums; }
    th { text-align: left; font-size: 0.85rem; color: #56626e; border-bottom: 1px solid #dde2e7; padding: 0.4rem 0.25rem; }
    td { padding: 0.4rem 0.25rem; border-bottom: 1px solid #eef1f4; }
    td input { width: 5rem; }
    .fields { display: grid; grid-template-columns: 2fr 1fr; gap: 1rem; align-items: end; }
    .fields label input, .fields label select { display: block; width: 100%; margin-top: 0.35rem; }
    .refund { font-size: 1.3rem; font-weight: 700; margin: 0.75rem 0; min-height: 2rem; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    p.error { min-height: 1.5rem; margin: 0.5rem 0; }
  `];

  /** The sale and what was given back of it before. */
  @property({ attribute: false }) entry: SaleEntry | undefined;

  @state() private qty: Record<number, number> = {};
  @state() private reason = '';
  @state() private method: 'cash' | 'card' = 'cash';
  @state() private error = '';
  @state() private busy = false;
  @query('pos-approval-dialog') private approval!: PosApprovalDialog;

  private readonly i18n = new LocaleController(this);

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('entry') && this.entry) {
      const cardOnly = this.entry.sale.payments.every((p) => p.method === 'card');
      this.qty = {};
      this.reason = '';
      this.error = '';
      this.method = cardOnly ? 'card' : 'cash';
    }
  }

  override render() {
    const e = this.entry;
    if (!e) return nothing;
    const left = returnable(e.sale, e.prior);
    const preview = this.preview();
    return html`
      <h3>${t('ret.sale', { folio: e.sale._id })}</h3>
      <div class="muted">${formatDateTime(stampTime(e.sale.updatedAt))} · ${e.sale.cashier} · ${formatMoney(e.sale.total)}</div>
      <table>
        <thead><tr><th>${t('cart.product')}</th><th class="num">${t('cart.qty')}</th><th class="num">${t('ret.returnable')}</th><th>${t('ret.qty')}</th></tr></thead>
        <tbody>${left.map((l) => html`<tr>
          <td>${till.product(l.sku)?.name ?? l.sku}<br /><small class="muted">${l.sku}</small></td>
          <td class="num">${e.sale.lines[l.line]!.qty}</td>
          <td class="num">${l.qty}</td>
          <td><input type="number" min="0" max=${l.qty} step="1" .value=${String(this.qty[l.line] ?? 0)} ?disabled=${l.qty === 0}
            aria-label=${t('ret.qtyOf', { name: till.product(l.sku)?.name ?? l.sku })} data-testid="return-qty"
            @input=${(ev: InputEvent) => this.setQty(l.line, (ev.target as HTMLInputElement).valueAsNumber, l.qty)} /></td>
        </tr>`)}</tbody>
      </table>
      <div class="fields">
        <label>${t('ret.reason')}<input .value=${this.reason} placeholder=${t('ret.reasonPlaceholder')} maxlength="200" data-testid="return-reason"
          @input=${(ev: InputEvent) => (this.reason = (ev.target as HTMLInputElement).value)} /></label>
        <label>${t('ret.refundBy')}<select data-testid="refund-method" @change=${(ev: Event) => (this.method = (ev.target as HTMLSelectElement).value as 'cash' | 'card')}>
          <option value="cash" ?selected=${this.method === 'cash'}>${t('method.cash')}</option>
          <option value="card" ?selected=${this.method === 'card'}>${t('method.card')}</option>
        </select></label>
      </div>
      <div class="refund" data-testid="refund">${preview !== undefined ? t('ret.refund', { amount: formatMoney(preview) }) : ''}</div>
      <p class="error" role="alert">${this.error}</p>
      <div class="actions">
        <button class="primary" data-testid="do-return" ?disabled=${this.busy || preview === undefined} @click=${this.giveBack}>${t('ret.doReturn')}</button>
        ${mayVoid(e.sale, e.prior, till.today())
          ? html`<button class="danger" data-testid="do-void" ?disabled=${this.busy} @click=${this.voidIt}>${t('ret.doVoid')}</button>`
          : nothing}
        <button @click=${() => this.dispatchEvent(new CustomEvent('pos-return-back', { bubbles: true, composed: true }))}>${t('ret.back')}</button>
      </div>
      <pos-approval-dialog></pos-approval-dialog>
    `;
  }

  private setQty(line: number, value: number, max: number) {
    const qty = Number.isInteger(value) ? Math.min(Math.max(0, value), max) : 0;
    this.qty = { ...this.qty, [line]: qty };
  }

  private input(approvedBy: string, approver?: ApprovalSigner): ReturnInput {
    const lines = Object.entries(this.qty).filter(([, q]) => q > 0).map(([line, qty]) => ({ line: Number(line), qty }));
    return { lines, refundMethod: this.method, reason: this.reason.trim(), approvedBy, ...(approver ? { approver } : {}) };
  }

  /** The refund the chosen units make (the same arithmetic the return is built with), if any. */
  private preview(): number | undefined {
    const e = this.entry;
    const input = this.input('preview');
    if (!e || input.lines.length === 0) return undefined;
    try {
      const stamp = `${new Date().toISOString()}-0000-${till.required().identity.device}`;
      return buildReturn(e.sale, e.prior, { ...input, reason: 'preview' }, { ...till.required().ctx, stamp, businessDay: till.today() }).total;
    } catch {
      return undefined;
    }
  }

  /** The approving manager's signer, held only until the document is recorded. */
  private async authorize(): Promise<ApprovalSigner | undefined> {
    if (this.reason.trim() === '') {
      this.error = t('ret.reasonRequired');
      return undefined;
    }
    this.error = '';
    return this.approval.ask(t('appr.return'), { name: till.approverAtTill() });
  }

  private async giveBack() {
    const e = this.entry;
    if (!e) return;
    if (this.input('').lines.length === 0) return void (this.error = t('ret.nothing'));
    const signer = await this.authorize();
    if (signer) await this.record(() => giveBack(e.sale._id, this.input(signer.name, signer)));
  }

  private async voidIt() {
    const e = this.entry;
    const signer = e && (await this.authorize());
    if (e && signer) await this.record(() => voidSale(e.sale._id, { reason: this.reason.trim(), approvedBy: signer.name, approver: signer }));
  }

  private async record(write: () => Promise<Return>) {
    this.busy = true;
    try {
      const doc = await write();
      this.dispatchEvent(new CustomEvent<Return>('pos-return-recorded', { detail: doc, bubbles: true, composed: true }));
    } catch (err) {
      this.error = t('ret.failed', { reason: errorText(err) });
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pos-return-form': PosReturnForm;
  }
  interface HTMLElementEventMap {
    'pos-return-recorded': CustomEvent<Return>;
    'pos-return-back': CustomEvent<void>;
  }
}
