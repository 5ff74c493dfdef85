// The always-visible sync strip: connection state, pending uploads, last sync, the first
// catalog download's progress, and a way back in when central refuses the session. Fixed
// height, so nothing below it jumps while syncing.

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { TillController } from '../controllers/till-controller.js';
import { formatTime } from '../format.js';
import type { SyncState } from '../../browser.js';

const LABELS: Record<SyncState, string> = {
  online: 'En línea',
  syncing: 'Sincronizando…',
  offline: 'Sin conexión',
  error: 'Error de sincronización',
  denied: 'Sesión vencida',
};

@customElement('pos-status-bar')
export class PosStatusBar extends LitElement {
  static override styles = css`
    :host { display: block; background: #1f2d3a; color: #eef2f5; font-size: 0.95rem; }
    .bar { display: flex; align-items: center; gap: 1.5rem; height: 3rem; padding: 0 1.25rem; }
    .store { font-weight: 600; margin-right: auto; }
    .pill { display: inline-flex; align-items: center; gap: 0.5rem; min-width: 11rem; }
    .dot { width: 0.75rem; height: 0.75rem; border-radius: 50%; background: #8a96a3; }
    [data-state='online'] .dot { background: #3fb27f; }
    [data-state='syncing'] .dot { background: #4ea3e0; }
    [data-state='offline'] .dot { background: #e0a23a; }
    [data-state='error'] .dot, [data-state='denied'] .dot { background: #e05a4e; }
    .pending { min-width: 9rem; font-variant-numeric: tabular-nums; }
    .pending strong { font-size: 1.1rem; }
    .last { min-width: 12rem; color: #b8c3cc; font-variant-numeric: tabular-nums; }
    .alert { display: flex; align-items: center; gap: 1rem; padding: 0.5rem 1.25rem; background: #fbe9e7; color: #7a1f16; }
    .alert button { font: inherit; padding: 0.5rem 1rem; min-height: 2.75rem; border-radius: 0.4rem; border: 1px solid #7a1f16; background: #fff; cursor: pointer; }
    progress { width: 12rem; height: 0.6rem; }
  `;

  /** Before the first login there is no till yet: only the brand, no sync figures. */
  @property({ type: Boolean }) compact = false;

  private readonly till = new TillController(this);

  override render() {
    const { status, identity, progress } = this.till.snapshot;
    if (this.compact) return html`<div class="bar"><span class="store">Pronto · Punto de venta</span></div>`;
    return html`
      <div class="bar" role="status" aria-live="polite">
        <span class="store">${identity ? `Tienda ${identity.store} · ${identity.cashier}` : 'Pronto'}</span>
        ${progress
          ? html`<label>Catálogo <progress max=${progress.total} value=${progress.pulled}></progress> ${progress.pulled} / ${progress.total}</label>`
          : nothing}
        <span class="pill" data-state=${status.state} data-testid="sync-state"><span class="dot"></span>${LABELS[status.state]}</span>
        <span class="pending">Por subir: <strong data-testid="pending">${status.pending}</strong></span>
        <span class="last">Última sincronización: ${formatTime(latest(status.lastPush, status.lastPull))}</span>
      </div>
      ${status.state === 'denied'
        ? html`<div class="alert" role="alert">
            La central ya no acepta esta sesión. Las ventas siguen guardadas en este equipo y subirán al volver a entrar.
            <button data-testid="relogin" @click=${this.askLogin}>Iniciar sesión de nuevo</button>
          </div>`
        : nothing}
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
