// Tills and refusals (#/tills?store=s1): for one store, each till's last report (state, when
// central last heard it, pending uploads and how long the oldest waited), the documents central
// refused and the ones it quarantined, with what to do about each. A chain admin picks the
// store; a store manager sees their own, read-only. Live: central's events (a till reports, an
// upload is refused, a document quarantined or released) read the lists again, and the tills
// every 15 s, since a silent till only turns stale by central's clock.
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { HashChangeController } from '../controllers/hash-change-controller.js';
import { LiveReloadController } from '../controllers/live-reload-controller.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { isChainAdmin } from '../services/roles.js';
import { hashQuery } from '../services/route.js';
import { inStoreOrder, type StoreView } from '../services/till-view.js';
import { pickStore, type TillDetail } from '../services/tills-view.js';
import { errorLine, errorText } from './error-text.js';
import { shared } from './shared-styles.js';
import './quarantine-list.js';
import './refusal-list.js';
import './till-table.js';

const REFRESH_MS = 15_000;
const RELOAD_MS = 300;
/** Events that change the refusals or the quarantine (a till's report only changes the tills). */
const LISTS = ['upload.refused', 'sale.quarantined', 'sale.quarantine-lifted', 'refusal.dismissed', 'refusal.accepted'];

@customElement('tills-page')
export class TillsPage extends LitElement {
  static override styles = [shared, css`
    .top { display: flex; flex-wrap: wrap; gap: 1rem; align-items: baseline; }
    label { display: inline-flex; gap: 0.5rem; align-items: center; }
    select { font: inherit; padding: 0.35rem; border: 1px solid #6b7785; border-radius: 0.4rem; }
    select:focus-visible { outline: 3px solid #e0a100; outline-offset: 2px; }
    h2 { font-size: 1.1rem; margin: 1.4rem 0 0.5rem; }
  `];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  @state() private query = hashQuery(location.hash);
  /** Bumped when the refusals or the quarantine changed: the lists read again. */
  @state() private version = 0;
  @state() private reports = 0;
  @state() private now = Date.now();
  private listsChanged = false;
  private readonly address = new HashChangeController(this, () => { this.query = hashQuery(location.hash); });

  private readonly stores = new Task(this, {
    task: async () => {
      const r = await this.ctx.api.request<{ stores: StoreView[] }>('GET', '/stores');
      this.now = Date.now();
      return inStoreOrder(r.stores);
    },
    args: () => [this.version, this.reports],
  });

  /** A burst of events: one reload (of the lists too when one of them changed); the tills every REFRESH_MS too. */
  private readonly live = new LiveReloadController(this, {
    events: ['store.status', ...LISTS],
    seen: (e) => { this.listsChanged ||= LISTS.includes(e.type); },
    delayMs: () => RELOAD_MS,
    reload: () => {
      if (this.listsChanged) this.version++;
      else this.reports++;
      this.listsChanged = false;
    },
    everyMs: REFRESH_MS,
  });

  private choose(e: Event): void {
    location.hash = `#/tills?store=${encodeURIComponent((e.target as HTMLSelectElement).value)}`;
  }

  override render() {
    const { t } = this.ctx;
    return html`
      <h1>${t('tills.title')}</h1>
      ${this.stores.render({
        initial: () => html`<p>${t('app.loading')}</p>`,
        pending: () => (this.stores.value ? this.body(this.stores.value) : html`<p>${t('app.loading')}</p>`),
        complete: (stores) => this.body(stores),
        error: (err) => errorLine(errorText(err, t)),
      })}`;
  }

  private body(stores: StoreView[]) {
    const { t, user } = this.ctx;
    const store = pickStore(this.query, user, stores);
    const view = stores.find((s) => s.store === store);
    if (store === null) return html`<p>${t('tills.noStores')}</p>`;
    const admin = isChainAdmin(user);
    return html`
      <div class="top">
        ${admin ? html`<label>${t('tills.store')}
          <select data-testid="store-picker" @change=${this.choose}>
            ${stores.map((s) => html`<option value=${s.store} ?selected=${s.store === store}>${s.name} (${s.store})</option>`)}
          </select></label>` : html`<p><strong>${view?.name ?? store}</strong> (${store})</p>`}
        ${admin ? '' : html`<p class="note">${t('tills.readOnly')}</p>`}
      </div>
      <h2>${t('tills.tills')}</h2>
      <till-table .tills=${(view?.tills ?? []) as TillDetail[]} .now=${this.now}></till-table>
      <h2>${t('tills.refusals')}</h2>
      <refusal-list store=${store} .version=${this.version}></refusal-list>
      <h2>${t('tills.quarantine')}</h2>
      <quarantine-list store=${store} .version=${this.version}></quarantine-list>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'tills-page': TillsPage }
}
