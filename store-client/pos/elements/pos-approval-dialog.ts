// Asks a manager to approve something at this till: name and password. Central checks them when
// it can be reached; either way the manager's own approval key, kept on this till wrapped under
// their password, is opened to sign what they approve (services/manager-approval). `ask()` opens
// a modal <dialog> (focus inside, Escape cancels) and resolves with the manager's signer — for
// the caller to pass with the document and drop once it is recorded — or undefined when cancelled.

import { LitElement, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { ApprovalSigner } from '../../browser.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { t } from '../i18n/locale.js';
import { errorText } from '../services/pos-error.js';
import { till } from '../services/till.js';
import { DialogAnswer } from './dialog-answer.js';
import { controls, dialogs } from './shared-styles.js';

@customElement('pos-approval-dialog')
export class PosApprovalDialog extends LitElement {
  static override styles = [controls, dialogs];

  @state() private why = '';
  @state() private error = '';
  @state() private busy = false;
  @query('dialog') private dialog!: HTMLDialogElement;
  @query('form') private form!: HTMLFormElement;

  private readonly answer = new DialogAnswer<ApprovalSigner>();
  private readonly i18n = new LocaleController(this);

  /**
   * Opens the dialog with `why` as its explanation, the manager's name filled in when given (a
   * manager working the till confirms with their password); resolves with the manager's signer.
   */
  async ask(why: string, opts: { name?: string } = {}): Promise<ApprovalSigner | undefined> {
    this.why = why;
    this.error = '';
    await this.updateComplete;
    this.form.reset();
    this.dialog.showModal();
    if (opts.name !== undefined) {
      this.input('name').value = opts.name;
      this.input('password').focus();
    }
    return this.answer.wait();
  }

  override render() {
    return html`
      <dialog aria-labelledby="appr-title" @close=${() => this.answer.answer(undefined)}>
        <h2 id="appr-title">${t('appr.title')}</h2>
        <p>${this.why}</p>
        <form @submit=${this.submit}>
          <label>${t('appr.user')}<input name="name" autocomplete="off" required autofocus data-testid="approver" /></label>
          <label>${t('appr.password')}<input name="password" type="password" autocomplete="off" required data-testid="approver-password" /></label>
          <p class="muted">${t('appr.signed')}</p>
          <p class="error" role="alert">${this.error}</p>
          <div class="actions">
            <button type="button" @click=${() => this.dialog.close()}>${t('appr.cancel')}</button>
            <button type="submit" class="primary" ?disabled=${this.busy} data-testid="approve">${this.busy ? t('appr.busy') : t('appr.submit')}</button>
          </div>
        </form>
      </dialog>
    `;
  }

  private input(name: 'name' | 'password'): HTMLInputElement {
    return this.form.elements.namedItem(name) as HTMLInputElement;
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(this.form);
    this.busy = true;
    this.error = '';
    try {
      const signer = await till.approve(String(data.get('name')).trim(), String(data.get('password')));
      this.answer.answer(signer);
      this.dialog.close();
    } catch (err) {
      this.error = errorText(err);
      this.input('password').select();
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pos-approval-dialog': PosApprovalDialog;
  }
}
