// The conflict queue: pending or resolved conflicts (GET /api/conflicts), newest first, filtered and
// paged on the server (an opaque cursor per page, the filter's total shown), the filters in the
// address (#/conflicts?store=s1&type=product) so that other pages link to a filtered queue. Live:
// central's conflict events reload the page shown (at most every 300 ms). Chain admins select rows
// for bulk actions (conflict-bulk-bar); store managers read only. Never loads the whole queue.
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { HashChangeController } from '../controllers/hash-change-controller.js';
import { LiveReloadController } from '../controllers/live-reload-controller.js';
import { filterFromQuery, listPath, PAGE_SIZE, queueAddress, type QueueFilter } from '../services/conflict-filter.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { isChainAdmin, managedStore } from '../services/roles.js';
import { hashQuery } from '../services/route.js';
import { errorLine, errorText } from './error-text.js';
import { shared, when } from './shared-styles.js';
import './conflict-bulk-bar.js';
import './conflict-filters.js';

export interface ConflictRecord {
  _id: string; db: string; docId: string; status: string; reason?: string; detectedAt?: string; strategy?: string;
  resolution?: string; resolvedBy?: string; resolvedAt?: string; result?: Record<string, unknown>;
}
interface Page { total: number; conflicts: ConflictRecord[]; nextCursor: string | null }

export const CONFLICT_EVENTS = ['conflict.detected', 'conflict.queued', 'conflict.resolved'] as const;
const RELOAD_MS = 300;

@customElement('conflict-queue')
export class ConflictQueue extends LitElement {
  static override styles = [shared, css`
    nav.paging { display: flex; gap: 0.75rem; align-items: center; margin: 0.75rem 0; }
    td.pick, th.pick { width: 2.5rem; }
    input[type='checkbox'] { width: 1.1rem; height: 1.1rem; }
  `];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  @state() private filter: QueueFilter = filterFromQuery(hashQuery(location.hash));
  /** The cursors of the pages before this one and of this one (null: the first page). */
  @state() private cursors: Array<string | null> = [null];
  @state() private selected = new Set<string>();
  @state() private tick = 0;
  private last: Page | undefined;
  /** A bulk action fires hundreds of events: one reload for a burst. */
  private readonly live = new LiveReloadController(this, { events: CONFLICT_EVENTS, delayMs: () => RELOAD_MS, reload: () => { this.tick += 1; } });

  private readonly load = new Task(this, {
    task: async ([filter, cursor]) => {
      const page = await this.ctx.api.request<Page>('GET', listPath(filter, cursor));
      this.last = page;
      return page;
    },
    args: () => [this.filter, this.cursors[this.cursors.length - 1] ?? null, this.tick] as const,
  });

  private readonly stores = new Task(this, {
    task: async () => (await this.ctx.api.request<{ stores: Array<{ store: string }> }>('GET', '/stores')).stores.map((s) => s.store),
    args: () => [],
  });

  private readonly address = new HashChangeController(this, () => {
    if (!location.hash.startsWith('#/conflicts') || location.hash.startsWith('#/conflicts/')) return;
    this.filter = filterFromQuery(hashQuery(location.hash));
    this.cursors = [null];
    this.selected = new Set();
  });

  private changeFilter(e: CustomEvent<QueueFilter>): void {
    location.hash = queueAddress(e.detail);
  }

  private toggle(id: string, on: boolean): void {
    const next = new Set(this.selected);
    if (on) next.add(id);
    else next.delete(id);
    this.selected = next;
  }

  override render() {
    const { t, user } = this.ctx;
    const admin = isChainAdmin(user);
    return html`
      <h1>${t('conflicts.title')}</h1>
      <conflict-filters .filter=${this.filter} .stores=${this.stores.value ?? []} .lockedStore=${managedStore(user)} @filter-change=${this.changeFilter}></conflict-filters>
      ${admin && this.filter.status === 'pending'
        ? html`<conflict-bulk-bar .selected=${[...this.selected]} .filter=${this.filter} .matching=${this.last?.total ?? 0} @bulk-done=${() => { this.selected = new Set(); this.tick += 1; }}></conflict-bulk-bar>`
        : !admin ? html`<p class="note" data-testid="read-only">${t('conflicts.readOnly')}</p>` : ''}
      ${this.load.render({
        initial: () => html`<p>${t('app.loading')}</p>`,
        pending: () => (this.last ? this.table(this.last, admin) : html`<p>${t('app.loading')}</p>`),
        complete: (page) => this.table(page, admin),
        error: (err) => errorLine(errorText(err, t)),
      })}`;
  }

  private table(page: Page, admin: boolean) {
    const { t } = this.ctx;
    const rows = page.conflicts;
    if (rows.length === 0) {
      const filtered = this.filter.store || this.filter.db || this.filter.type || this.filter.q || this.filter.status !== 'pending';
      return html`<p data-testid="conflicts-empty">${filtered ? t('conflicts.none') : t('conflicts.empty')}</p>`;
    }
    const selectable = admin && this.filter.status === 'pending';
    const from = (this.cursors.length - 1) * PAGE_SIZE + 1;
    const allOnPage = rows.every((c) => this.selected.has(c._id));
    const n = (x: number) => x.toLocaleString(this.ctx.locale);
    return html`
      <p role="status" data-testid="conflicts-total">${t('conflicts.total', { from: n(from), to: n(from + rows.length - 1), total: n(page.total) })}</p>
      <table data-testid="conflicts">
        <thead><tr>
          ${selectable ? html`<th scope="col" class="pick"><input type="checkbox" data-testid="select-page" aria-label=${t('conflicts.selectPage')} .checked=${allOnPage}
            @change=${(e: Event) => { const on = (e.target as HTMLInputElement).checked; for (const c of rows) this.toggle(c._id, on); }}></th>` : ''}
          <th scope="col">${t('conflicts.doc')}</th><th scope="col">${t('conflicts.db')}</th><th scope="col">${t('conflicts.reason')}</th><th scope="col">${t('conflicts.detected')}</th>
          ${this.filter.status === 'resolved' ? html`<th scope="col">${t('conflicts.resolvedBy')}</th>` : ''}
          <th scope="col"><span class="note">${t('conflicts.open')}</span></th></tr></thead>
        <tbody>
          ${rows.map((c) => html`
            <tr data-testid="conflict-row" data-doc=${c.docId} data-id=${c._id}>
              ${selectable ? html`<td class="pick"><input type="checkbox" data-testid="select-row" aria-label=${t('conflicts.selectRow', { doc: c.docId })} .checked=${this.selected.has(c._id)}
                @change=${(e: Event) => this.toggle(c._id, (e.target as HTMLInputElement).checked)}></td>` : ''}
              <td>${c.docId}</td><td>${c.db}</td><td>${c.reason ?? '—'}</td><td>${when(c.detectedAt, this.ctx.locale)}</td>
              ${this.filter.status === 'resolved' ? html`<td>${c.resolvedBy ?? '—'}</td>` : ''}
              <td><a href=${`#/conflicts/${encodeURIComponent(c._id)}`} aria-label=${t('conflicts.openLabel', { doc: c.docId })}>${t('conflicts.open')}</a></td>
            </tr>`)}
        </tbody>
      </table>
      <nav class="paging" aria-label=${t('conflicts.paging')}>
        <button class="quiet" data-testid="page-previous" ?disabled=${this.cursors.length === 1} @click=${() => { this.cursors = this.cursors.slice(0, -1); }}>${t('conflicts.previous')}</button>
        <button class="quiet" data-testid="page-next" ?disabled=${page.nextCursor === null} @click=${() => { this.cursors = [...this.cursors, page.nextCursor]; }}>${t('conflicts.next')}</button>
      </nav>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'conflict-queue': ConflictQueue }
}
