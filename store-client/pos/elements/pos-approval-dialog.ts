// Asks a manager to approve something at this till: name and password, checked by central when
// it can be reached and by the verifier kept here when it cannot (services/manager-approval).
// `ask()` opens a modal <dialog> (focus inside, Escape cancels) and resolves with the manager's
// name, or undefined when cancelled.

import { LitElement, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
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

  private readonly answer = new DialogAnswer<string>();
  private readonly i18n = new LocaleController(this);

  /** Opens the dialog with `why` as its explanation; resolves with the approving manager's name. */
  async ask(why: string): Promise<string | undefined> {
    this.why = why;
    this.error = '';
    await this.updateComplete;
    this.form.reset();
    this.dialog.showModal();
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
          <p class="error" role="alert">${this.error}</p>
          <div class="actions">
            <button type="button" @click=${() => this.dialog.close()}>${t('appr.cancel')}</button>
            <button type="submit" class="primary" ?disabled=${this.busy} data-testid="approve">${this.busy ? t('appr.busy') : t('appr.submit')}</button>
          </div>
        </form>
      </dialog>
    `;
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(this.form);
    this.busy = true;
    this.error = '';
    try {
      const name = await till.approve(String(data.get('name')).trim(), String(data.get('password')));
      this.answer.answer(name);
      this.dialog.close();
    } catch (err) {
      this.error = errorText(err);
      (this.form.elements.namedItem('password') as HTMLInputElement).select();
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
