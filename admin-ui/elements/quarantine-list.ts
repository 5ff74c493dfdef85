// The sales, returns and moves central quarantined in one store (GET /api/quarantine, a page at a
// time) with the reason, and the admin's release with a note (central counts the document from
// then on). A store manager reads them only.
import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { QuarantinedEntry, QuarantinePage } from '../../validators/api/quarantine.js';
import { PagedListController } from '../controllers/paged-list-controller.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { isChainAdmin } from '../services/roles.js';
import { showMoney } from '../services/show-money.js';
import { errorLine, errorText } from './error-text.js';
import './note-action.js';
import type { NoteAction } from './note-action.js';
import { shared, when } from './shared-styles.js';

const PAGE = 50;
const ACTIONS: readonly NoteAction[] = [{ id: 'release', label: 'tills.release' }];

@customElement('quarantine-list')
export class QuarantineList extends LitElement {
  static override styles = [shared, css`code { word-break: break-all; } [role="status"]:empty { margin: 0; } [role="status"] { color: #17572a; font-weight: 600; }`];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  @property() store = '';
  /** Bumped by the page when central announces a change: the list reads again. */
  @property({ type: Number }) version = 0;
  /** What the last release did, announced. */
  @state() private done = '';

  private readonly entries = new PagedListController(this, async ([store]: readonly [string, number], cursor) => {
    const q = new URLSearchParams({ store, limit: String(PAGE), ...(cursor ? { cursor } : {}) });
    const page = await this.ctx.api.request<QuarantinePage>('GET', `/quarantine?${q}`);
    return { items: page.entries, next: page.next };
  }, () => [this.store, this.version] as const);

  private release = (e: QuarantinedEntry) => async (_action: string, note: string): Promise<void> => {
    await this.ctx.api.request('POST', `/quarantine/${encodeURIComponent(e.store)}/${encodeURIComponent(e.docId)}/release`, { note });
    this.done = this.ctx.t('tills.released', { doc: e.docId });
    void this.entries.reload();
  };

  override render() {
    const { t } = this.ctx;
    return html`<p role="status" data-testid="done">${this.done}</p>${this.entries.first.render({
      // While reading again, the rows stay (a note being typed is kept).
      pending: () => (this.entries.first.value ? this.table(this.entries.rows) : html`<p>${t('app.loading')}</p>`),
      complete: () => this.table(this.entries.rows),
      error: (err) => errorLine(errorText(err, t)),
    })}`;
  }

  private table(rows: QuarantinedEntry[]) {
    const { t } = this.ctx;
    if (rows.length === 0) return html`<p class="note" data-testid="quarantine-empty">${t('tills.quarantineEmpty')}</p>`;
    return html`
      <table data-testid="quarantine">
        <thead><tr><th scope="col">${t('tills.doc')}</th><th scope="col">${t('tills.reason')}</th><th scope="col">${t('tills.when')}</th><th scope="col">${t('tills.device')}</th><th scope="col">${t('tills.total')}</th><th scope="col">${t('tills.action')}</th></tr></thead>
        <tbody>${repeat(rows, (e) => e.docId, (e) => this.row(e))}</tbody>
      </table>
      ${this.entries.next ? html`<p><button class="quiet" @click=${() => this.entries.loadMore()}>${t('tills.more')}</button></p>` : ''}`;
  }

  private row(e: QuarantinedEntry) {
    const { t, locale, user } = this.ctx;
    return html`
      <tr data-testid="quarantined" data-doc=${e.docId}>
        <td>${t(`tills.type.${e.type}`)}<div><code>${e.docId}</code></div></td>
        <td>${e.reason}</td><td>${when(e.at, locale)}</td><td>${e.device ?? '—'}</td><td>${showMoney(e.total, locale)}</td>
        <td>${isChainAdmin(user) ? html`<note-action .subject=${e.docId} .actions=${ACTIONS} .run=${this.release(e)}></note-action>` : html`<span class="note">—</span>`}</td>
      </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'quarantine-list': QuarantineList }
}
