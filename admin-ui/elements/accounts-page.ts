// Devices and accounts (#/accounts), chain admins only (central answers 403 to anyone else):
// tills' enrolment requests from every store, then, for the store picked, its enrolled tills and
// their keys, and its accounts. An approval here reloads the store's tills (`devices-changed`).
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { isChainAdmin } from '../services/roles.js';
import { errorLine, errorText } from './error-text.js';
import { shared } from './shared-styles.js';
import './enrol-requests.js';
import './device-list.js';
import './store-accounts.js';

interface StoreEntry { store: string; name: string }

@customElement('accounts-page')
export class AccountsPage extends LitElement {
  static override styles = [shared, css`
    .picker { margin: 0 0 1rem; display: flex; gap: 0.5rem; align-items: center; }
    select { font: inherit; padding: 0.4rem; border: 1px solid #6b7785; border-radius: 0.4rem; }
    select:focus-visible { outline: 3px solid #e0a100; outline-offset: 2px; }
  `];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  @state() private store = '';
  /** Bumped when an approval enrolled a till, so the store's list is read again. */
  @state() private devicesVersion = 0;

  private readonly stores = new Task(this, {
    task: async () => {
      const { stores } = await this.ctx.api.request<{ stores: StoreEntry[] }>('GET', '/stores');
      if (this.store === '' && stores[0]) this.store = stores[0].store;
      return stores;
    },
    args: () => [],
  });

  override render() {
    const { t } = this.ctx;
    if (!isChainAdmin(this.ctx.user)) return html`<h1>${t('accounts.title')}</h1><p>${t('accounts.adminOnly')}</p>`;
    return html`
      <h1>${t('accounts.title')}</h1>
      <enrol-requests @devices-changed=${() => { this.devicesVersion++; }}></enrol-requests>
      ${this.stores.render({
        pending: () => html`<p>${t('app.loading')}</p>`,
        error: (err) => errorLine(errorText(err, t)),
        complete: (stores) => html`
          <p class="picker">
            <label for="store">${t('accounts.store')}</label>
            <select id="store" data-testid="store-picker" @change=${(e: Event) => { this.store = (e.target as HTMLSelectElement).value; }}>
              ${stores.map((s) => html`<option value=${s.store} ?selected=${s.store === this.store}>${s.name} (${s.store})</option>`)}
            </select>
          </p>
          ${this.store === '' ? '' : html`
            <device-list .store=${this.store} .version=${this.devicesVersion}></device-list>
            <store-accounts .store=${this.store}></store-accounts>`}`,
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'accounts-page': AccountsPage }
}
