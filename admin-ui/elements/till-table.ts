// A store's tills as the tills page lists them: state (stale when silent), when central last
// heard each, its last report, pending uploads and how long the oldest has waited, refused
// documents still on the till, build and last error.
import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { tillState } from '../services/till-view.js';
import { showDuration, waitedMs, type TillDetail } from '../services/tills-view.js';
import { shared, when } from './shared-styles.js';

@customElement('till-table')
export class TillTable extends LitElement {
  static override styles = [shared, css`
    .badge { display: inline-block; padding: 0.05rem 0.45rem; border-radius: 1rem; font-weight: 600; font-size: 0.85rem; }
    .online, .syncing { background: #d7f0dd; color: #17572a; }
    .offline, .error, .denied { background: #fbe0dc; color: #8a2115; }
    .stale { background: #fff0c2; color: #5c4300; }
    .warn { color: #8a2115; font-weight: 600; }
  `];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  @property({ attribute: false }) tills: readonly TillDetail[] = [];
  /** Central-ish now, ms, for the waits (the page's clock, refreshed with the list). */
  @property({ attribute: false }) now = Date.now();

  override render() {
    const { t } = this.ctx;
    if (this.tills.length === 0) return html`<p class="note">${t('panel.noTills')}</p>`;
    return html`
      <table data-testid="tills">
        <thead><tr>
          <th scope="col">${t('tills.device')}</th><th scope="col">${t('tills.state')}</th><th scope="col">${t('till.lastHeard')}</th>
          <th scope="col">${t('tills.lastReport')}</th><th scope="col">${t('till.pending')}</th><th scope="col">${t('tills.waited')}</th>
          <th scope="col">${t('till.refused')}</th><th scope="col">${t('till.version')}</th><th scope="col">${t('tills.message')}</th>
        </tr></thead>
        <tbody>${this.tills.map((till) => this.row(till))}</tbody>
      </table>`;
  }

  private row(till: TillDetail) {
    const { t, locale } = this.ctx;
    const state = tillState(till);
    const waited = waitedMs(till, this.now);
    return html`
      <tr data-testid="till-row" data-device=${till.device} data-state=${state}>
        <th scope="row">${till.device}${till.verified ? '' : html`<div class="warn">${t('till.unverified')}</div>`}</th>
        <td><span class="badge ${state}">${t(`till.${state}`)}</span></td>
        <td>${till.lastHeardAt ? when(till.lastHeardAt, locale) : t('till.never')}</td>
        <td data-testid="reported">${when(till.reportedAt, locale)}</td>
        <td data-testid="pending" class=${till.pending > 0 ? 'warn' : ''}>${till.pending}</td>
        <td data-testid="waited">${waited === null ? '—' : showDuration(waited)}</td>
        <td class=${(till.refusedCount ?? 0) > 0 ? 'warn' : ''}>${till.refusedCount ?? 0}</td>
        <td>${till.appVersion ?? '—'}</td>
        <td>${till.message ?? '—'}</td>
      </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'till-table': TillTable }
}
