// The POS shell: the status bar on top (and the till's warnings under it), then the login
// (first use) or the two desks, selling and returns (both stay mounted, so switching keeps the
// cart); when central refuses the session, a modal login over them, which keeps every local sale
// and can be dismissed. When another tab of the browser sells, a notice with a way to sell here.

import { LitElement, css, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { TillController } from '../controllers/till-controller.js';
import { t } from '../i18n/locale.js';
import './pos-status-bar.js';
import './pos-till-warnings.js';
import './pos-login.js';
import './pos-sell.js';
import './pos-returns.js';
import type { PosReturns } from './pos-returns.js';
import { controls } from './shared-styles.js';

type Desk = 'sell' | 'returns';

@customElement('pos-app')
export class PosApp extends LitElement {
  static override styles = [controls, css`
    :host { display: block; min-height: 100vh; background: #f3f5f7; font-family: system-ui, 'Segoe UI', Roboto, sans-serif; color: #1f2d3a; }
    .starting { padding: 4rem; text-align: center; color: #56626e; }
    .elsewhere { max-width: 36rem; margin: 4rem auto; padding: 2rem; background: #fff; border-radius: 0.75rem; text-align: center; }
    .elsewhere h1 { font-size: 1.35rem; margin: 0 0 0.75rem; }
    nav { display: flex; gap: 0.5rem; padding: 0.75rem 1.25rem 0; }
    nav button { min-height: 2.75rem; border-width: 2px; }
    nav button[aria-current='page'] { border-color: #1d6f5f; background: #e6f3f0; font-weight: 600; }
    dialog { border: 0; padding: 0; background: transparent; }
    dialog::backdrop { background: rgb(31 45 58 / 50%); }
  `];

  @state() private desk: Desk = 'sell';
  @query('dialog') private relogin: HTMLDialogElement | null | undefined;
  @query('pos-returns') private returns: PosReturns | null | undefined;

  private readonly till = new TillController(this);
  private readonly i18n = new LocaleController(this);

  override render() {
    const { phase } = this.till.snapshot;
    if (phase === 'starting') return html`<p class="starting">${t('app.starting')}</p>`;
    if (phase === 'elsewhere' || phase === 'taken-over') return this.renderElsewhere(phase);
    if (phase === 'login') return html`<pos-status-bar compact></pos-status-bar><main><pos-login mode="first"></pos-login></main>`;
    return html`
      <pos-status-bar @pos-relogin-request=${() => this.relogin?.showModal()}></pos-status-bar>
      <pos-till-warnings></pos-till-warnings>
      <nav aria-label=${t('nav.label')}>
        ${(['sell', 'returns'] as const).map((d) => html`<button data-testid="desk-${d}" aria-current=${this.desk === d ? 'page' : 'false'}
          @click=${() => this.show(d)}>${t(`nav.${d}`)}</button>`)}
      </nav>
      <main>
        <pos-sell ?hidden=${this.desk !== 'sell'}></pos-sell>
        <pos-returns ?hidden=${this.desk !== 'returns'}></pos-returns>
      </main>
      <dialog aria-label=${t('login.againTitle')}>
        <pos-login mode="again" @pos-logged-in=${() => this.relogin?.close()} @pos-login-cancelled=${() => this.relogin?.close()}></pos-login>
      </dialog>
    `;
  }

  /** Another tab sells (or took the till from this one): say so, and offer to sell here. */
  private renderElsewhere(phase: 'elsewhere' | 'taken-over') {
    const taken = phase === 'taken-over';
    return html`<pos-status-bar compact></pos-status-bar>
      <main><section class="elsewhere" data-testid=${taken ? 'tab-taken-over' : 'tab-elsewhere'} role="alert">
        <h1>${t(taken ? 'tab.takenTitle' : 'tab.elsewhereTitle')}</h1>
        <p>${t(taken ? 'tab.takenText' : 'tab.elsewhereText')}</p>
        <button class="primary" data-testid="take-over" @click=${() => void this.till.takeOver()}>${t('tab.takeOver')}</button>
      </section></main>`;
  }

  private show(desk: Desk) {
    this.desk = desk;
    if (desk === 'returns') void this.returns?.refresh();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pos-app': PosApp;
  }
}
