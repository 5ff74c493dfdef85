// One store on the panel: its name, today's sales net of refunds (its own business day), what
// central quarantined and refused of it, and, per till, its state (online / offline / stale…), when
// central last heard from it, pending uploads, refused documents, app version, whether its
// storage is persisted and its clock offset.
import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import type { StoreFigures } from '../../validators/api/panel.js';
import { showOffset, tillState, type StoreView, type TillReport } from '../services/till-view.js';
import { showMoney } from '../services/show-money.js';
import { shared, when } from './shared-styles.js';

@customElement('store-tile')
export class StoreTile extends LitElement {
  static override styles = [shared, css`
    :host { background: #fff; border: 1px solid #dde2e7; border-radius: 0.5rem; padding: 0.6rem 0.75rem; font-size: 0.9rem; height: 100%; box-sizing: border-box; }
    h2 { font-size: 1rem; margin: 0 0 0.4rem; }
    h2 small { font-weight: 400; color: #4a5562; }
    .till { border-top: 1px solid #eef1f4; padding-top: 0.35rem; margin-top: 0.35rem; }
    .badge { display: inline-block; padding: 0.05rem 0.45rem; border-radius: 1rem; font-weight: 600; font-size: 0.8rem; }
    .online, .syncing { background: #d7f0dd; color: #17572a; }
    .offline, .error, .denied { background: #fbe0dc; color: #8a2115; }
    .stale { background: #fff0c2; color: #5c4300; }
    dl { display: grid; grid-template-columns: auto 1fr; gap: 0 0.6rem; margin: 0.3rem 0 0; }
    dt { color: #4a5562; }
    dd { margin: 0; }
    .warn { color: #8a2115; font-weight: 600; }
    .figures { margin: 0 0 0.2rem; line-height: 1.35; }
    .figures .net { font-weight: 700; }
  `];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  @property({ attribute: false }) store!: StoreView;

  override render() {
    const { t } = this.ctx;
    const s = this.store;
    this.dataset.store = s.store;
    return html`
      <h2>${s.name} <small>${s.store}</small></h2>
      ${s.active ? '' : html`<p class="note">${t('panel.inactive')}</p>`}
      ${s.figures ? this.figures(s.figures) : ''}
      ${s.tills.length === 0 ? html`<p class="note">${t('panel.noTills')}</p>` : s.tills.map((till) => this.till(till))}`;
  }

  private figures(f: StoreFigures) {
    const { t, locale } = this.ctx;
    return html`
      <div class="figures" data-testid="figures">
        <div>${t('panel.salesToday')}: <span class="net" data-testid="net" data-net=${f.net}>${showMoney(f.net, locale)}</span></div>
        <div class="note">${t('panel.salesDetail', { count: f.sales.count, returns: showMoney(f.returns.total, locale) })}</div>
        <div>${t('panel.quarantined')} <span class=${f.quarantined.total > 0 ? 'warn' : ''} data-testid="quarantined">${f.quarantined.total}</span>
          · ${t('panel.refusedDocs')} <span class=${f.refused > 0 ? 'warn' : ''} data-testid="refused">${f.refused}${f.refusedCapped ? '+' : ''}</span></div>
      </div>`;
  }

  private till(till: TillReport) {
    const { t, locale } = this.ctx;
    const state = tillState(till);
    return html`
      <div class="till" data-testid="till" data-device=${till.device} data-state=${state}>
        <strong>${t('till.device', { device: till.device })}</strong>
        <span class="badge ${state}">${t(`till.${state}`)}</span>
        ${till.verified ? '' : html`<div class="warn">${t('till.unverified')}</div>`}
        <dl>
          <dt>${t('till.lastHeard')}</dt><dd>${till.lastHeardAt ? when(till.lastHeardAt, locale) : t('till.never')}</dd>
          <dt>${t('till.pending')}</dt><dd class=${till.pending > 0 ? 'warn' : ''}>${till.pending}</dd>
          <dt>${t('till.refused')}</dt><dd class=${(till.refusedCount ?? 0) > 0 ? 'warn' : ''}>${till.refusedCount ?? 0}</dd>
          <dt>${t('till.version')}</dt><dd>${till.appVersion ?? '—'}</dd>
          <dt>${t('till.storage')}</dt><dd class=${till.storage?.persisted === false ? 'warn' : ''}>${till.storage === undefined ? '—' : till.storage.persisted ? t('till.persisted') : t('till.notPersisted')}</dd>
          <dt>${t('till.clock')}</dt><dd>${till.clockOffsetMs === undefined ? '—' : showOffset(till.clockOffsetMs)}</dd>
        </dl>
      </div>`;
  }
}
