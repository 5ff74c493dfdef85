// The panel: the alerts that need a human (alert-list), chain totals (tills, today's net sales),
// and one tile per store from GET /api/stores, refreshed live when a till reports or a document
// is counted, quarantined or refused (/api/events) and every 15 s (a silent till turns stale by
// central's clock). A CSS grid of compact tiles, readable with 50 stores.
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { LiveReloadController } from '../controllers/live-reload-controller.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { chainTotals, inStoreOrder, type StoreView } from '../services/till-view.js';
import { showMoney } from '../services/show-money.js';
import { errorLine, errorText } from './error-text.js';
import { shared } from './shared-styles.js';
import './store-tile.js';
import './alert-list.js';

const REFRESH_MS = 15_000;
/** What changes a tile: a till's report, and what central counts, quarantines or is refused. */
const LIVE_EVENTS = ['store.status', 'sale.quarantined', 'sale.quarantine-lifted', 'upload.refused', 'refusal.dismissed', 'conflict.queued', 'conflict.resolved', 'change'];
/** A plain change (a sale counted) reloads within 5 s: a busy chain sends many a second, and each reload reads every store. */
const CHANGE_RELOAD_MS = 5_000;
const EVENT_RELOAD_MS = 300;

@customElement('admin-panel')
export class AdminPanel extends LitElement {
  static override styles = [shared, css`
    .top { display: flex; flex-wrap: wrap; align-items: baseline; gap: 1rem; }
    .live { font-size: 0.9rem; }
    .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 0.6rem; list-style: none; padding: 0; margin: 0; }
  `];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  @state() private live = false;
  private stores: StoreView[] = [];

  private readonly load = new Task(this, {
    task: async (_args, { signal }) => {
      const r = await this.ctx.api.request<{ stores: StoreView[] }>('GET', '/stores');
      signal.throwIfAborted();
      this.stores = inStoreOrder(r.stores);
      return this.stores;
    },
    args: () => [],
  });

  /** Many tills report at once: one reload for a burst, sooner for what a human must see. */
  private readonly reloads = new LiveReloadController(this, {
    events: LIVE_EVENTS,
    delayMs: (e) => (e.type === 'change' ? CHANGE_RELOAD_MS : EVENT_RELOAD_MS),
    reload: () => void this.load.run(),
    everyMs: REFRESH_MS,
    onState: (open) => { this.live = open; },
  });

  override render() {
    const { t } = this.ctx;
    const body = this.load.render({
      initial: () => html`<p>${t('app.loading')}</p>`,
      pending: () => this.tiles(),
      complete: () => this.tiles(),
      error: (err) => errorLine(errorText(err, t)),
    });
    return html`
      <div class="top">
        <h1>${t('panel.title')}</h1>
        <span class="live note" data-testid="live">${this.live ? t('panel.live') : t('panel.liveOff')}</span>
      </div>
      <alert-list></alert-list>
      ${body}`;
  }

  private tiles() {
    const { t } = this.ctx;
    const totals = chainTotals(this.stores);
    return html`
      <p data-testid="totals">${t('panel.summary', totals)}<br><strong data-testid="chain-sales">${t('panel.totalsSales', { net: showMoney(totals.net, this.ctx.locale) })}</strong></p>
      <ul class="grid" data-testid="stores">
        ${this.stores.map((s) => html`<li><store-tile .store=${s}></store-tile></li>`)}
      </ul>`;
  }
}
