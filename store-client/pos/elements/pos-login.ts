// Login form: name and password against CouchDB's /_session. The first login on a browser also
// enrolls its device key; a later one (session expired) keeps every local sale and can be
// cancelled back to selling.

import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { TillController } from '../controllers/till-controller.js';
import { t } from '../i18n/locale.js';
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

  @state() private error = '';
  @state() private busy = false;
  @query('input[name=name]') private nameInput!: HTMLInputElement;

  private readonly till = new TillController(this);
  private readonly i18n = new LocaleController(this);

  override firstUpdated() {
    this.nameInput.focus();
  }

  override render() {
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

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    this.busy = true;
    this.error = '';
    try {
      await this.till.login(String(data.get('name')).trim(), String(data.get('password')));
      this.dispatchEvent(new CustomEvent<void>('pos-logged-in', { bubbles: true, composed: true }));
    } catch (err) {
      this.error = errorText(err);
    } finally {
      this.busy = false;
    }
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
