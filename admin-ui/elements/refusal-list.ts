// The documents central refused from one store (GET /api/refusals, open ones unless asked for all,
// a page at a time) with central's reason, and what an admin does about each: dismiss it with a
// note, or accept it once the corrected document reached central (central checks; a 409 says
// why not). A store manager reads them only.
import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { RefusalPage, RefusalRecord } from '../../validators/api/refusals.js';
import { PagedListController } from '../controllers/paged-list-controller.js';
import type { MessageKey } from '../i18n/translate.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { isChainAdmin } from '../services/roles.js';
import { errorLine, errorText } from './error-text.js';
import './note-action.js';
import type { NoteAction } from './note-action.js';
import { shared, when } from './shared-styles.js';

const PAGE = 50;
/** What an admin does with an open refusal (POST /api/refusals/:id/<action>, one route per action) and what is then announced. */
const ACTIONS: Record<'dismiss' | 'accept', { button: NoteAction; done: MessageKey }> = {
  dismiss: { button: { id: 'dismiss', label: 'tills.dismiss', quiet: true }, done: 'tills.dismissDone' },
  accept: { button: { id: 'accept', label: 'tills.accept' }, done: 'tills.acceptDone' },
};
const BUTTONS = Object.values(ACTIONS).map((a) => a.button);

@customElement('refusal-list')
export class RefusalList extends LitElement {
  static override styles = [shared, css`code { word-break: break-all; } [role="status"]:empty { margin: 0; } [role="status"] { color: #17572a; font-weight: 600; } label { display: inline-flex; gap: 0.4rem; align-items: center; margin-bottom: 0.5rem; }`];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  @property() store = '';
  /** Bumped by the page when central announces a change: the list reads again. */
  @property({ type: Number }) version = 0;
  @state() private all = false;
  /** What the last action did, announced. */
  @state() private done = '';

  private readonly refusals = new PagedListController(this, async ([store, , all]: readonly [string, number, boolean], cursor) => {
    const q = new URLSearchParams({ store, limit: String(PAGE), ...(all ? {} : { status: 'open' }), ...(cursor ? { cursor } : {}) });
    const page = await this.ctx.api.request<RefusalPage>('GET', `/refusals?${q}`);
    return { items: page.refusals, next: page.next };
  }, () => [this.store, this.version, this.all] as const);

  private act = (r: RefusalRecord) => async (action: string, note: string): Promise<void> => {
    await this.ctx.api.request('POST', `/refusals/${encodeURIComponent(r._id)}/${action}`, { note });
    this.done = this.ctx.t(ACTIONS[action as keyof typeof ACTIONS].done, { doc: r.docId });
    void this.refusals.reload();
  };

  override render() {
    const { t } = this.ctx;
    return html`
      <p role="status" data-testid="done">${this.done}</p>
      <label><input type="checkbox" .checked=${this.all} @change=${(e: Event) => { this.all = (e.target as HTMLInputElement).checked; }}>${t('tills.showSettled')}</label>
      ${this.refusals.first.render({
        // While reading again, the rows stay (a note being typed is kept).
        pending: () => (this.refusals.first.value ? this.table(this.refusals.rows) : html`<p>${t('app.loading')}</p>`),
        complete: () => this.table(this.refusals.rows),
        error: (err) => errorLine(errorText(err, t)),
      })}`;
  }

  private table(rows: RefusalRecord[]) {
    const { t } = this.ctx;
    if (rows.length === 0) return html`<p class="note" data-testid="refusals-empty">${t('tills.refusalsEmpty')}</p>`;
    return html`
      <table data-testid="refusals">
        <thead><tr><th scope="col">${t('tills.doc')}</th><th scope="col">${t('tills.reason')}</th><th scope="col">${t('tills.when')}</th><th scope="col">${t('tills.account')}</th><th scope="col">${t('tills.action')}</th></tr></thead>
        <tbody>${repeat(rows, (r) => r._id, (r) => this.row(r))}</tbody>
      </table>
      ${this.refusals.next ? html`<p><button class="quiet" @click=${() => this.refusals.loadMore()}>${t('tills.more')}</button></p>` : ''}`;
  }

  private row(r: RefusalRecord) {
    const { t, locale, user } = this.ctx;
    const settled = r.dismissed
      ? t('tills.dismissed', { by: r.dismissed.by, note: r.dismissed.note })
      : r.accepted ? t('tills.accepted', { by: r.accepted.by, rev: r.accepted.rev, note: r.accepted.note }) : null;
    const action = settled !== null ? html`<span class="note">${settled}</span>`
      : isChainAdmin(user) ? html`<note-action .subject=${r.docId} .actions=${BUTTONS} .run=${this.act(r)}></note-action>` : html`<span class="note">—</span>`;
    return html`
      <tr data-testid="refusal" data-doc=${r.docId}>
        <td><code>${r.docId}</code><div class="note">${r.db} · ${r.rev}</div></td>
        <td>${r.reason}</td><td>${when(r.at, locale)}</td><td>${r.account}</td><td>${action}</td>
      </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'refusal-list': RefusalList }
}
