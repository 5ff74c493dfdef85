// The panel's alerts that need a human (GET /api/alerts), most serious first, each with a link to
// the page where it is handled. Paged by the server: the first page, then "more" appends the
// next. Reloaded (the pages read so far) when central announces something that can change them
// (services/alert-view ALERT_EVENTS) and every 30 s (a till turns silent by central's clock).
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { LiveReloadController } from '../controllers/live-reload-controller.js';
import type { AlertPage } from '../../validators/api/panel.js';
import { ALERT_EVENTS, alertLink, alertParams } from '../services/alert-view.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import type { MessageKey } from '../i18n/translate.js';
import { errorLine, errorText } from './error-text.js';
import { shared } from './shared-styles.js';

const PAGE = 20;
const REFRESH_MS = 30_000;

/** Fifty tills report every 20 s: their routine reports reload the alerts (which read every store) within 5 s, anything else within 0.5 s. */
const STATUS_RELOAD_MS = 5_000;
const EVENT_RELOAD_MS = 500;

@customElement('alert-list')
export class AlertList extends LitElement {
  static override styles = [shared, css`
    :host { margin: 0 0 1rem; }
    h2 { font-size: 1.1rem; margin: 0 0 0.4rem; }
    ul { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr)); gap: 0.3rem 0.8rem; }
    li { display: flex; gap: 0.5rem; align-items: baseline; background: #fff; border: 1px solid #dde2e7; border-left-width: 4px; border-radius: 0.3rem; padding: 0.3rem 0.5rem; font-size: 0.9rem; }
    li.critical { border-left-color: #a3281c; }
    li.warning { border-left-color: #b07d00; }
    .sev { font-weight: 700; font-size: 0.75rem; text-transform: uppercase; }
    .critical .sev { color: #8a2115; }
    .warning .sev { color: #5c4300; }
    .what { flex: 1; }
    .more { margin-top: 0.5rem; }
  `];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  /** How many pages the admin has opened; a reload reads as many again. */
  @state() private pages = 1;

  private readonly load = new Task(this, {
    task: async ([pages], { signal }) => {
      const out: AlertPage = { total: 0, alerts: [], nextCursor: null };
      let cursor: string | null = null;
      for (let i = 0; i < pages; i++) {
        const page: AlertPage = await this.ctx.api.request<AlertPage>('GET', `/alerts?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        signal.throwIfAborted();
        out.total = page.total;
        out.alerts.push(...page.alerts);
        cursor = out.nextCursor = page.nextCursor;
        if (!cursor) break;
      }
      return out;
    },
    args: () => [this.pages] as const,
  });

  /** A burst of events: one reload, sooner for what a human must see than for a till's routine report. */
  private readonly live = new LiveReloadController(this, {
    events: ALERT_EVENTS,
    delayMs: (e) => (e.type === 'store.status' ? STATUS_RELOAD_MS : EVENT_RELOAD_MS),
    reload: () => void this.load.run(),
    everyMs: REFRESH_MS,
  });

  override render() {
    const { t } = this.ctx;
    return html`
      <section aria-labelledby="alerts-title" data-testid="alerts">
        <h2 id="alerts-title">${t('panel.alerts')}</h2>
        ${this.load.render({
          initial: () => html`<p>${t('app.loading')}</p>`,
          pending: () => (this.load.value ? this.list(this.load.value) : html`<p>${t('app.loading')}</p>`),
          complete: (page) => this.list(page),
          error: (err) => errorLine(errorText(err, t)),
        })}
      </section>`;
  }

  private list(page: AlertPage) {
    const { t, user } = this.ctx;
    if (page.alerts.length === 0) return html`<p class="note" data-testid="no-alerts">${t('panel.noAlerts')}</p>`;
    return html`
      <ul>
        ${page.alerts.map((a) => html`
          <li class=${a.severity} data-testid="alert" data-kind=${a.kind} data-store=${a.store}>
            <span class="sev">${t(a.severity === 'critical' ? 'panel.critical' : 'panel.warning')}</span>
            <span class="what"><strong>${a.storeName}</strong> (${a.store}): ${t(`alert.${a.kind}` as MessageKey, alertParams(a))}</span>
            <a href=${alertLink(a, user)} aria-label=${`${t('panel.alertOpen')}: ${a.storeName}, ${t(`alert.${a.kind}` as MessageKey, alertParams(a))}`}>${t('panel.alertOpen')}</a>
          </li>`)}
      </ul>
      ${page.nextCursor ? html`<p class="more"><button class="quiet" data-testid="more-alerts" @click=${() => { this.pages += 1; }}>${t('panel.moreAlerts')}</button>
        <span class="note">${t('panel.alertsCount', { shown: page.alerts.length, total: page.total })}</span></p>` : ''}`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'alert-list': AlertList }
}
