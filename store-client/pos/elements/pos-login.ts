// Login form: name and password against CouchDB's /_session. The first login on a browser also
// enrolls its device key: at once for a manager (or admin), and for a cashier only after a
// second step, "Registrar esta caja — autorización de gerente", where a manager of the store
// types their own name and password (central enrolls a till only for them) — or, with no manager
// at hand, asks head office ("Solicitar aprobación a la oficina") and waits for an admin to
// approve it in the console, showing the key's fingerprint to read to them. A later login
// (session expired) keeps every local sale and can be cancelled back to selling.

import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { TillController } from '../controllers/till-controller.js';
import { t } from '../i18n/locale.js';
import type { LoginOutcome } from '../services/till.js';
import { errorText } from '../services/pos-error.js';
import { fingerprint } from '../format.js';
import { controls } from './shared-styles.js';

/** How often a till waiting for head office asks central, and for how long (two hours). */
const POLL_MS = 4000;
const MAX_POLLS = 1800;

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
    p.office { margin: 1rem 0 0; }
    p.office button { width: 100%; min-height: 2.75rem; }
    p.fingerprint { font: 1.3rem/1.6 monospace; color: #1f2d3a; letter-spacing: 0.05em; }
  `];

  /** `first`: setting up this browser as a till; `again`: the session expired. */
  @property() mode: 'first' | 'again' = 'first';

  /** `manager`: a cashier's first login waits for a manager to authorize this till; `office`: for head office. */
  @state() private step: 'account' | 'manager' | 'office' = 'account';
  /** The request sent to head office: what the till shows them. */
  @state() private office: { keyId: string; device: string } | undefined;
  private polling: ReturnType<typeof setTimeout> | undefined;
  @state() private error = '';
  @state() private busy = false;
  @query('input[name=name]') private nameInput!: HTMLInputElement;

  private readonly till = new TillController(this);
  private readonly i18n = new LocaleController(this);

  override firstUpdated() {
    this.nameInput.focus();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.stopPolling();
  }

  override render() {
    if (this.step === 'office') return this.renderOffice();
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
        <p class="office"><button type="button" ?disabled=${this.busy} @click=${this.askOffice} data-testid="office-ask">${t('office.ask')}</button></p>
      </form>
    `;
  }

  private renderOffice() {
    const waiting = this.till.enrolmentWaiting;
    return html`
      <h1 id="office-title" tabindex="-1">${t('office.title')}</h1>
      <p>${t('office.text', { device: this.office?.device ?? '', cashier: waiting?.cashier ?? '' })}</p>
      <p class="fingerprint" data-testid="office-fingerprint">${fingerprint(this.office?.keyId ?? '')}</p>
      <p role="status">${t('office.waiting')}</p>
      <p class="error" role="alert">${this.error}</p>
      <div class="actions"><button type="button" @click=${this.back}>${t('enrol.back')}</button></div>
    `;
  }

  /** No manager at hand: sends the request, then checks every few seconds (for at most two hours). */
  private async askOffice() {
    this.busy = true;
    this.error = '';
    try {
      this.office = await this.till.requestOfficeApproval();
      this.step = 'office';
      this.poll(0);
    } catch (err) {
      this.error = errorText(err);
    } finally {
      this.busy = false;
    }
  }

  private poll(round: number) {
    this.stopPolling();
    if (round >= MAX_POLLS) return;
    this.polling = setTimeout(() => void this.checkOffice(round), round === 0 ? 0 : POLL_MS);
  }

  private async checkOffice(round: number) {
    try {
      const outcome = await this.till.checkOfficeApproval();
      if (this.step !== 'office') return;
      if (outcome === 'ready') {
        this.step = 'account';
        this.dispatchEvent(new CustomEvent<void>('pos-logged-in', { bubbles: true, composed: true }));
        return;
      }
      if (outcome === 'rejected') {
        await this.showStep('manager');
        this.error = t('office.rejected');
        return;
      }
      this.error = '';
    } catch (err) {
      // Offline for a moment: say so and keep checking.
      this.error = errorText(err);
    }
    if (this.step === 'office') this.poll(round + 1);
  }

  private stopPolling() {
    if (this.polling !== undefined) clearTimeout(this.polling);
    this.polling = undefined;
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
    this.stopPolling();
    if (this.step === 'office') return void this.showStep('manager');
    this.till.cancelEnrolment();
    void this.showStep('account');
  }

  private async showStep(step: PosLogin['step']) {
    this.step = step;
    this.error = '';
    await this.updateComplete;
    this.nameInput?.focus();
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
