// The POS shell: the status bar on top, then the login (first use) or the sell screen; when
// central refuses the session, a login over the sell screen, which keeps every local sale.

import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { TillController } from '../controllers/till-controller.js';
import './pos-status-bar.js';
import './pos-login.js';
import './pos-sell.js';

@customElement('pos-app')
export class PosApp extends LitElement {
  static override styles = css`
    :host { display: block; min-height: 100vh; background: #f3f5f7; font-family: system-ui, 'Segoe UI', Roboto, sans-serif; color: #1f2d3a; }
    .starting { padding: 4rem; text-align: center; color: #5b6773; }
    .overlay { position: fixed; inset: 0; background: rgb(31 45 58 / 45%); display: grid; align-items: start; }
  `;

  @state() private relogin = false;

  private readonly till = new TillController(this);

  override render() {
    const { phase } = this.till.snapshot;
    if (phase === 'starting') return html`<p class="starting">Abriendo el punto de venta…</p>`;
    if (phase === 'login') return html`<pos-status-bar compact></pos-status-bar><pos-login mode="first"></pos-login>`;
    return html`
      <pos-status-bar @pos-relogin-request=${() => (this.relogin = true)}></pos-status-bar>
      <pos-sell></pos-sell>
      ${this.relogin
        ? html`<div class="overlay"><pos-login mode="again" @pos-logged-in=${() => (this.relogin = false)}></pos-login></div>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pos-app': PosApp;
  }
}
