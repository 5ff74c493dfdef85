// Login form: name and password against CouchDB's /_session. The first login on a browser also
// enrolls its device key; a later one (session expired) keeps every local sale.

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { TillController } from '../controllers/till-controller.js';

@customElement('pos-login')
export class PosLogin extends LitElement {
  static override styles = css`
    :host { display: block; max-width: 26rem; margin: 4rem auto; padding: 2rem; background: #fff; border-radius: 0.75rem; box-shadow: 0 2px 12px rgb(0 0 0 / 8%); }
    h1 { margin: 0 0 0.5rem; font-size: 1.5rem; color: #1f2d3a; }
    p { margin: 0 0 1.5rem; color: #5b6773; }
    label { display: block; margin-bottom: 1rem; font-weight: 600; color: #1f2d3a; }
    input { display: block; width: 100%; box-sizing: border-box; margin-top: 0.4rem; padding: 0.75rem; font-size: 1.1rem; border: 1px solid #b9c2cb; border-radius: 0.4rem; }
    button { width: 100%; min-height: 3rem; font-size: 1.1rem; font-weight: 600; color: #fff; background: #1d6f5f; border: 0; border-radius: 0.4rem; cursor: pointer; }
    button[disabled] { opacity: 0.6; cursor: progress; }
    .error { color: #a3281c; margin: 0 0 1rem; }
  `;

  /** `first`: setting up this browser as a till; `again`: the session expired. */
  @property() mode: 'first' | 'again' = 'first';

  @state() private error = '';
  @state() private busy = false;
  @query('input[name=name]') private nameInput!: HTMLInputElement;

  private readonly till = new TillController(this);

  override firstUpdated() {
    this.nameInput.focus();
  }

  override render() {
    return html`
      <h1>${this.mode === 'first' ? 'Punto de venta Pronto' : 'Iniciar sesión de nuevo'}</h1>
      <p>${this.mode === 'first'
        ? 'Entre con su cuenta de la tienda. La primera vez se registra este equipo.'
        : 'Sus ventas pendientes siguen guardadas en este equipo.'}</p>
      <form @submit=${this.submit}>
        <label>Usuario <input name="name" autocomplete="username" required /></label>
        <label>Contraseña <input name="password" type="password" autocomplete="current-password" required /></label>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <button type="submit" ?disabled=${this.busy}>${this.busy ? 'Entrando…' : 'Entrar'}</button>
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
      this.error = (err as Error).message;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pos-login': PosLogin;
  }
  interface HTMLElementEventMap {
    'pos-logged-in': CustomEvent<void>;
  }
}
