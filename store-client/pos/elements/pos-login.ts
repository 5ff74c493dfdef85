// Login form: name and password against CouchDB's /_session. The first login on a browser also
// enrolls its device key: at once for a manager (or admin), and for a cashier only after a
// second step, "Registrar esta caja — autorización de gerente", where a manager of the store
// types their own name and password (central enrolls a till only for them). A later login
// (session expired) keeps every local sale and can be cancelled back to selling.

import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { TillController } from '../controllers/till-controller.js';
import { t } from '../i18n/locale.js';
import type { LoginOutcome } from '../services/till.js';
import { errorText } from '../services/pos-error.js';
import { controls } from './shared-styles.js';

@customElement('pos-login')
export class PosLogin extends LitElement {
  static override styles = [controls, css`
    :host { display: block; max-width: 26rem; margin: 4rem auto; padding: 2rem; background: #fff; border-radius: 0.75rem; box-shadow: 0 2px 12px rgb(0 0 0 / 8%); }
    h1 { margin: 0 0 0.5rem; font-size: 1.5rem; }
    p { margin: 0 0 1.5rem; color: #56626e; }
    label { display: block; margin-bottom: 1rem; }
    input { display: block; width: 100%; margin-top: 0.4rem; font-size: 1.1rem; }
    .actions { display: flex; gap: 0.5rem; }
    .actions button { flex: 1; min-height: 3rem; font-size: 1.1rem; }
    p.error { min-height: 1.5rem; margin: 0 0 1rem; color: #a3281c; }
  `];

  /** `first`: setting up this browser as a till; `again`: the session expired. */
  @property() mode: 'first' | 'again' = 'first';

  /** `manager`: a cashier's first login waits for a manager to authorize this till. */
  @state() private step: 'account' | 'manager' = 'account';
  @state() private error = '';
  @state() private busy = false;
  @query('input[name=name]') private nameInput!: HTMLInputElement;

  private readonly till = new TillController(this);
  private readonly i18n = new LocaleController(this);

  override firstUpdated() {
    this.nameInput.focus();
  }

  override render() {
    return this.step === 'manager' ? this.renderManager() : this.renderAccount();
  }

  private renderAccount() {
    const first = this.mode === 'first';
    return html`
      <h1 id="login-title">${first ? t('login.firstTitle') : t('login.againTitle')}</h1>
      <p>${first ? t('login.firstText') : t('login.againText')}</p>
      <form @submit=${this.submit} aria-labelledby="login-title">
        <label>${t('login.user')} <input name="name" autocomplete="username" required /></label>
        <label>${t('login.password')} <input name="password" type="password" autocomplete="current-password" required /></label>
        <p class="error" role="alert">${this.error}</p>
        <div class="actions">
          ${first ? '' : html`<button type="button" @click=${this.cancel}>${t('login.cancel')}</button>`}
          <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? t('login.busy') : t('login.submit')}</button>
        </div>
      </form>
    `;
  }

  private renderManager() {
    const waiting = this.till.enrolmentWaiting;
    return html`
      <h1 id="enrol-title">${t('enrol.title')}</h1>
      <p>${t('enrol.text', { store: waiting?.store ?? '', cashier: waiting?.cashier ?? '' })}</p>
      <form @submit=${this.authorize} aria-labelledby="enrol-title">
        <label>${t('enrol.manager')} <input name="name" autocomplete="off" required data-testid="enrol-manager" /></label>
        <label>${t('enrol.password')} <input name="password" type="password" autocomplete="off" required data-testid="enrol-password" /></label>
        <p class="error" role="alert">${this.error}</p>
        <div class="actions">
          <button type="button" @click=${this.back}>${t('enrol.back')}</button>
          <button type="submit" class="primary" ?disabled=${this.busy} data-testid="enrol-submit">${this.busy ? t('enrol.busy') : t('enrol.submit')}</button>
        </div>
      </form>
    `;
  }

  private submit(e: SubmitEvent) {
    return this.run(e, (name, password) => this.till.login(name, password));
  }

  private authorize(e: SubmitEvent) {
    return this.run(e, (name, password) => this.till.authorizeEnrolment(name, password));
  }

  /** Sends the form's name and password; shows the manager step, or says the till is ready. */
  private async run(e: SubmitEvent, send: (name: string, password: string) => Promise<LoginOutcome>) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this.busy = true;
    this.error = '';
    try {
      const outcome = await send(String(data.get('name')).trim(), String(data.get('password')));
      if (outcome === 'needs-manager') {
        await this.showStep('manager');
      } else {
        this.step = 'account';
        this.dispatchEvent(new CustomEvent<void>('pos-logged-in', { bubbles: true, composed: true }));
      }
    } catch (err) {
      this.error = errorText(err);
      (form.elements.namedItem('password') as HTMLInputElement | null)?.select();
    } finally {
      this.busy = false;
    }
  }

  private back() {
    this.till.cancelEnrolment();
    void this.showStep('account');
  }

  private async showStep(step: PosLogin['step']) {
    this.step = step;
    this.error = '';
    await this.updateComplete;
    this.nameInput.focus();
  }

  private cancel() {
    this.dispatchEvent(new CustomEvent<void>('pos-login-cancelled', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pos-login': PosLogin;
  }
  interface HTMLElementEventMap {
    'pos-logged-in': CustomEvent<void>;
    'pos-login-cancelled': CustomEvent<void>;
  }
}
