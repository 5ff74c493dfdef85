// One store's accounts (GET /api/accounts?store=…, a page at a time by name): create a cashier
// or manager, give an account a new password, disable it (asked first) or enable it again with a
// new password. Names and passwords are checked here with central's rules before they are sent.
import { consume } from '@lit/context';
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ActionController } from '../controllers/action-controller.js';
import { PagedListController } from '../controllers/paged-list-controller.js';
import type { MessageKey } from '../i18n/translate.js';
import { ApiError } from '../services/api.js';
import { nameProblem, passwordProblem } from '../services/account-form.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { errorLine, errorText } from './error-text.js';
import { panelStyles } from './panel-styles.js';
import { shared } from './shared-styles.js';

interface Account { name: string; store: string; kind: 'cashier' | 'manager' | 'device'; disabled: boolean }
interface Page { accounts: Account[]; next: string | null }
type Action = { kind: 'reset' | 'disable' | 'enable'; name: string };

const PAGE = 25;

@customElement('store-accounts')
export class StoreAccounts extends LitElement {
  static override styles = [shared, panelStyles];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  /** The store whose accounts are listed. */
  @property() store = '';
  @state() private acting: Action | null = null;
  @state() private message = '';
  private readonly work = new ActionController(this, () => this.ctx.t);

  private readonly accounts = new PagedListController(this, async ([store]: readonly [string], after) => {
    const page = await this.ctx.api.request<Page>('GET', `/accounts?store=${encodeURIComponent(store)}&limit=${PAGE}${after === null ? '' : `&after=${encodeURIComponent(after)}`}`);
    return { items: page.accounts, next: page.next };
  }, () => [this.store] as const);

  override render() {
    const { t } = this.ctx;
    return html`
      <section aria-labelledby="acct-title">
        <h2 id="acct-title">${t('acct.title')}</h2>
        <p role="status" data-testid="acct-status">${this.message}</p>
        ${this.work.error ? errorLine(this.work.error, 'acct-problem') : ''}
        ${this.accounts.first.render({
          pending: () => html`<p>${t('app.loading')}</p>`,
          error: (err) => errorLine(errorText(err, t)),
          complete: () => this.table(this.accounts.rows),
        })}
        ${this.accounts.next === null ? '' : html`<p><button class="quiet" ?disabled=${this.work.busy} @click=${() => this.work.run(() => this.accounts.loadMore())}>${t('accounts.more')}</button></p>`}
        ${this.acting ? this.actionForm(this.acting) : ''}
        ${this.createForm()}
      </section>`;
  }

  private table(accounts: Account[]) {
    const { t } = this.ctx;
    if (accounts.length === 0) return html`<p>${t('acct.empty')}</p>`;
    const act = (kind: Action['kind'], name: string) => () => { this.acting = { kind, name }; this.work.say(''); };
    return html`
      <table data-testid="accounts">
        <thead><tr><th scope="col">${t('acct.name')}</th><th scope="col">${t('acct.kind')}</th><th scope="col">${t('acct.state')}</th><th scope="col">${t('acct.actions')}</th></tr></thead>
        <tbody>${accounts.map((a) => html`
          <tr data-testid="account-row" data-name=${a.name} data-disabled=${String(a.disabled)}>
            <td>${a.name}</td><td>${t(`acct.kind.${a.kind}`)}</td>
            <td class=${a.disabled ? 'revoked' : ''}>${a.disabled ? t('acct.disabled') : t('acct.active')}</td>
            <td class="actions">${a.disabled
              ? html`<button class="quiet" ?disabled=${this.work.busy} aria-label=${t('acct.enableLabel', { name: a.name })} @click=${act('enable', a.name)}>${t('acct.enable')}</button>`
              : html`
                <button class="quiet" ?disabled=${this.work.busy} aria-label=${t('acct.resetLabel', { name: a.name })} @click=${act('reset', a.name)}>${t('acct.reset')}</button>
                <button class="quiet" ?disabled=${this.work.busy} aria-label=${t('acct.disableLabel', { name: a.name })} @click=${act('disable', a.name)}>${t('acct.disable')}</button>`}
            </td>
          </tr>`)}</tbody>
      </table>`;
  }

  private actionForm(action: Action) {
    const { t } = this.ctx;
    const title: Record<Action['kind'], MessageKey> = { reset: 'acct.resetTitle', disable: 'acct.disableTitle', enable: 'acct.enableTitle' };
    return html`
      <form class="panel ${action.kind === 'disable' ? 'danger' : ''}" aria-labelledby="action-title" @submit=${this.act}>
        <h3 id="action-title">${t(title[action.kind], { name: action.name })}</h3>
        ${action.kind === 'disable'
          ? html`<p>${t('acct.disableWarn')}</p>`
          : html`<label>${t('acct.newPassword')} <input name="password" type="password" autocomplete="new-password" required data-testid="action-password" /></label>
            <p class="note">${t('acct.passwordHint')}</p>`}
        <p class="buttons">
          <button type="submit" class=${action.kind === 'disable' ? 'danger' : ''} ?disabled=${this.work.busy} data-testid="action-confirm">${t(action.kind === 'disable' ? 'acct.disable' : 'acct.save')}</button>
          <button type="button" class="quiet" @click=${() => { this.acting = null; }}>${t('accounts.cancel')}</button>
        </p>
      </form>`;
  }

  private createForm() {
    const { t } = this.ctx;
    return html`
      <form class="panel" aria-labelledby="create-title" @submit=${this.create} data-testid="create-form">
        <h3 id="create-title">${t('acct.createTitle')}</h3>
        <label>${t('acct.name')} <input name="name" autocomplete="off" required data-testid="create-name" /></label>
        <label>${t('acct.kind')}
          <select name="kind" data-testid="create-kind">
            <option value="cashier">${t('acct.kind.cashier')}</option><option value="manager">${t('acct.kind.manager')}</option>
          </select>
        </label>
        <label>${t('acct.password')} <input name="password" type="password" autocomplete="new-password" required data-testid="create-password" /></label>
        <p class="note">${t('acct.passwordHint')}</p>
        <p class="buttons"><button type="submit" ?disabled=${this.work.busy} data-testid="create-submit">${t('acct.create')}</button></p>
      </form>`;
  }

  private async create(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const problem = nameProblem(name) ?? passwordProblem(password, name);
    if (problem !== null) return this.work.say(this.ctx.t(problem));
    const done = await this.send('/accounts', { name, password, store: this.store, kind: String(data.get('kind')) }, 'acct.created', name);
    if (done) form.reset();
  }

  private async act(e: Event): Promise<void> {
    e.preventDefault();
    const action = this.acting;
    if (action === null) return;
    const path = `/accounts/${encodeURIComponent(action.name)}`;
    if (action.kind === 'disable') {
      if (await this.send(`${path}/disable`, {}, 'acct.disabledDone', action.name)) this.acting = null;
      return;
    }
    const password = String(new FormData(e.target as HTMLFormElement).get('password') ?? '');
    const problem = passwordProblem(password, action.name);
    if (problem !== null) return this.work.say(this.ctx.t(problem));
    const [route, done]: [string, MessageKey] = action.kind === 'reset' ? ['password', 'acct.resetDone'] : ['enable', 'acct.enabledDone'];
    if (await this.send(`${path}/${route}`, { password }, done, action.name)) this.acting = null;
  }

  /** POSTs, says what happened, reads the list again; true when central accepted it. */
  private send(path: string, body: unknown, done: MessageKey, name: string): Promise<boolean> {
    const { t } = this.ctx;
    return this.work.run(async () => {
      await this.ctx.api.request('POST', path, body);
      this.message = t(done, { name });
      await this.accounts.reload();
    }, (err) => (err instanceof ApiError && err.status === 409 && path === '/accounts' ? t('acct.errTaken') : errorText(err, t)));
  }
}

declare global {
  interface HTMLElementTagNameMap { 'store-accounts': StoreAccounts }
}
