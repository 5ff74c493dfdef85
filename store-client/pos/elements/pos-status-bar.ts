// The always-visible sync strip: connection state, pending uploads, documents central refused
// (a count that opens the reason of each), last sync, the first catalog download's progress, a
// way back in when central refuses the session, and the language switch. One fixed height whatever it shows, so nothing below it jumps while syncing.

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { TillController } from '../controllers/till-controller.js';
import { formatTime } from '../format.js';
import { locale, setLocale, t } from '../i18n/locale.js';

@customElement('pos-status-bar')
export class PosStatusBar extends LitElement {
  static override styles = css`
    :host { display: block; background: #1f2d3a; color: #eef2f5; font-size: 0.95rem; }
    .bar { display: flex; align-items: center; gap: 1.25rem; height: 3.5rem; padding: 0 1.25rem; overflow: hidden; white-space: nowrap; }
    .store { font-weight: 600; margin-right: auto; overflow: hidden; text-overflow: ellipsis; }
    .pill { display: inline-flex; align-items: center; gap: 0.5rem; min-width: 10rem; }
    .dot { width: 0.75rem; height: 0.75rem; border-radius: 50%; background: #8a96a3; }
    [data-state='online'] .dot { background: #3fb27f; }
    [data-state='syncing'] .dot { background: #4ea3e0; }
    [data-state='offline'] .dot { background: #e0a23a; }
    [data-state='error'] .dot, [data-state='denied'] .dot { background: #e05a4e; }
    .pending { min-width: 8rem; font-variant-numeric: tabular-nums; }
    .pending strong { font-size: 1.1rem; }
    .last { min-width: 14rem; color: #c5ced6; font-variant-numeric: tabular-nums; }
    .denied { color: #ffd9d4; }
    button { font: inherit; min-height: 2.75rem; padding: 0 0.9rem; border-radius: 0.4rem; border: 1px solid #c5ced6; background: transparent; color: #fff; cursor: pointer; }
    button.alert { background: #fbe9e7; color: #7a1f16; border-color: #fbe9e7; font-weight: 600; }
    button:focus-visible { outline: 3px solid #7cc0f5; outline-offset: 2px; }
    progress { width: 9rem; height: 0.6rem; }
    details.refused { position: relative; }
    details.refused summary { cursor: pointer; color: #ffd9d4; font-weight: 600; list-style: none; min-height: 2.75rem; display: flex; align-items: center; }
    /* fixed, not absolute: the bar clips what overflows it (one height whatever it shows). */
    details.refused ul { position: fixed; z-index: 10; top: 3.75rem; right: 1.25rem; margin: 0; padding: 0.75rem 1rem 0.75rem 2rem; min-width: 24rem; max-width: 40rem;
      max-height: 60vh; overflow: auto; white-space: normal; background: #fbe9e7; color: #7a1f16; border-radius: 0.4rem; box-shadow: 0 4px 16px rgb(0 0 0 / 30%); }
  `;

  /** Before the first login there is no till yet: only the brand and the language switch. */
  @property({ type: Boolean }) compact = false;

  private readonly till = new TillController(this);
  private readonly i18n = new LocaleController(this);

  override render() {
    const { status, identity, progress } = this.till.snapshot;
    const language = html`<button lang=${locale() === 'en' ? 'es-MX' : 'en'} aria-label=${t('lang.label')} data-testid="language"
      @click=${() => setLocale(locale() === 'en' ? 'es-MX' : 'en')}>${t('lang.other')}</button>`;
    if (this.compact) return html`<div class="bar"><span class="store">${t('app.brand')}</span>${language}</div>`;
    const denied = status.state === 'denied';
    return html`
      <div class="bar">
        <span class="store">${identity ? t('status.store', { store: identity.store, cashier: identity.cashier }) : 'Pronto'}</span>
        ${progress
          ? html`<label data-testid="catalog-progress">${t('status.catalog')} <progress max=${progress.total} value=${progress.pulled}></progress>
              <span data-testid="catalog-progress-text">${progress.pulled} / ${progress.total}</span></label>`
          : nothing}
        <span role="status" aria-live="polite" class="pill" data-state=${status.state} data-testid="sync-state"><span class="dot"></span>${t(`status.${status.state}`)}</span>
        <span class="pending">${t('status.pending')} <strong data-testid="pending">${status.pending}</strong></span>
        ${status.refused.length > 0
          ? html`<details class="refused" data-testid="refused">
              <summary role="alert" aria-label=${t('status.refusedLabel')}>${t('status.refused', { count: status.refused.length })}</summary>
              <ul>${status.refused.map((r) => html`<li data-testid="refused-item">${t('status.refusedItem', { id: r.id, reason: r.reason })}</li>`)}</ul>
            </details>`
          : nothing}
        ${denied
          ? html`<span class="last denied" role="alert">${t('status.deniedText')}</span>
              <button class="alert" data-testid="relogin" @click=${this.askLogin}>${t('status.relogin')}</button>`
          : html`<span class="last">${t('status.last')} <span data-testid="last-sync">${formatTime(latest(status.lastPush, status.lastPull))}</span></span>`}
        ${language}
      </div>
    `;
  }

  private askLogin() {
    this.dispatchEvent(new CustomEvent<void>('pos-relogin-request', { bubbles: true, composed: true }));
  }
}

function latest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

declare global {
  interface HTMLElementTagNameMap {
    'pos-status-bar': PosStatusBar;
  }
  interface HTMLElementEventMap {
    'pos-relogin-request': CustomEvent<void>;
  }
}
