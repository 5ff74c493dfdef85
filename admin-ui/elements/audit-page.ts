// The audit trail: browse and filter it by actor, action, store and time range (GET /api/audit,
// paged by the server's cursor), the filters kept in the address (`#/audit?action=tamper.detected`)
// so a link from an alert lands filtered; open an entry to see all of it; and a button that
// verifies the whole hash chain (GET /api/audit/verify), showing the result and the first broken link.
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { HashChangeController } from '../controllers/hash-change-controller.js';
import { auditAddress, auditApiPath, filtersOf, isoToLocal, localToIso, type AuditFilters } from '../services/audit-query.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { hashQuery } from '../services/route.js';
import { errorLine, errorText } from './error-text.js';
import { shared, when } from './shared-styles.js';

interface AuditEntry { _id: string; seq: number; at: string; actor: string; action: string; target?: string; details?: Record<string, unknown>; hash?: string; prevHash?: string }
interface AuditPageData { total: number; entries: AuditEntry[]; nextCursor: string | null }
type ChainReport = { ok: true; entries: number } | { ok: false; entries: number; broken: { seq: number; id: string; reason: string } };

const PAGE = 50;

@customElement('audit-page')
export class AuditPage extends LitElement {
  static override styles = [shared, css`
    form.filters { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: flex-end; background: #fff; border: 1px solid #dde2e7; border-radius: 0.4rem; padding: 0.6rem 0.8rem; margin: 0 0 0.8rem; }
    form.filters fieldset { border: 0; padding: 0; margin: 0; display: contents; }
    legend { font-weight: 700; width: 100%; padding: 0; }
    label { display: flex; flex-direction: column; font-size: 0.9rem; gap: 0.15rem; }
    .pager { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: center; margin: 0.6rem 0; }
    td button { padding: 0.15rem 0.5rem; }
    dialog { max-width: min(56rem, 92vw); border: 1px solid #6b7785; border-radius: 0.5rem; }
    dialog dl { display: grid; grid-template-columns: auto 1fr; gap: 0.2rem 0.8rem; }
    dialog dt { color: #4a5562; }
    dialog dd { margin: 0; overflow-wrap: anywhere; }
    pre { background: #f4f6f8; padding: 0.6rem; overflow: auto; max-height: 50vh; font-size: 0.85rem; white-space: pre-wrap; overflow-wrap: anywhere; }
  `];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  @state() private verifying = false;
  @state() private filters: AuditFilters = filtersOf(hashQuery(location.hash));
  /** The cursors of the pages walked to reach this one (the first page has none). */
  @state() private cursors: string[] = [];
  @state() private open: AuditEntry | undefined;
  @query('dialog') private dialog!: HTMLDialogElement;

  private readonly address = new HashChangeController(this, () => {
    const next = filtersOf(hashQuery(location.hash));
    if (JSON.stringify(next) === JSON.stringify(this.filters)) return;
    this.filters = next;
    this.cursors = [];
  });

  private readonly entries = new Task(this, {
    task: ([filters, cursors]) => this.ctx.api.request<AuditPageData>('GET', auditApiPath(filters, PAGE, cursors.at(-1))),
    args: () => [this.filters, this.cursors] as const,
  });

  private readonly verify = new Task(this, {
    task: () => this.ctx.api.request<ChainReport>('GET', '/audit/verify'),
    autoRun: false,
  });

  private async runVerify(): Promise<void> {
    this.verifying = true;
    // A failed verification does not reject: the task keeps the error and render() shows it.
    try {
      await this.verify.run();
    } finally {
      this.verifying = false;
    }
  }

  /** The form's filters go to the address; the hashchange reloads the first page. */
  private apply(e: SubmitEvent): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim() || undefined;
    const filters: AuditFilters = { actor: text('actor'), action: text('action'), store: text('store'), from: localToIso(text('from') ?? ''), to: localToIso(text('to') ?? '') };
    location.hash = auditAddress(filters);
  }

  private async show(entry: AuditEntry): Promise<void> {
    this.open = entry;
    await this.updateComplete;
    this.dialog.showModal();
  }

  override render() {
    const { t } = this.ctx;
    return html`
      <h1>${t('audit.title')}</h1>
      <p>
        <button data-testid="verify" ?disabled=${this.verifying} @click=${this.runVerify}>${this.verifying ? t('audit.verifying') : t('audit.verify')}</button>
      </p>
      <div role="status" data-testid="verify-result">${this.verify.render({
        complete: (r) => r.ok
          ? html`<p data-ok="true">${t('audit.ok', { entries: r.entries })}</p>`
          : html`<p class="error" data-ok="false">${t('audit.broken', { seq: r.broken.seq, id: r.broken.id, reason: r.broken.reason })}</p>`,
        error: (err) => html`<p class="error">${errorText(err, t)}</p>`,
      })}</div>
      ${this.form()}
      ${this.entries.render({
        pending: () => html`<p>${t('app.loading')}</p>`,
        complete: (page) => this.table(page),
        error: (err) => errorLine(errorText(err, t), 'audit-error'),
      })}
      ${this.detail()}`;
  }

  private form() {
    const { t } = this.ctx;
    const f = this.filters;
    return html`
      <form class="filters" @submit=${this.apply} data-testid="audit-filters">
        <fieldset>
          <legend>${t('audit.filters')}</legend>
          <label>${t('audit.actor')}<input name="actor" .value=${f.actor ?? ''} autocomplete="off"></label>
          <label>${t('audit.action')}<input name="action" .value=${f.action ?? ''} autocomplete="off" placeholder="tamper.detected"></label>
          <label>${t('audit.store')}<input name="store" .value=${f.store ?? ''} autocomplete="off" size="6"></label>
          <label>${t('audit.from')}<input type="datetime-local" name="from" .value=${isoToLocal(f.from)}></label>
          <label>${t('audit.to')}<input type="datetime-local" name="to" .value=${isoToLocal(f.to)}></label>
          <button type="submit" data-testid="audit-apply">${t('audit.apply')}</button>
          <a href="#/audit" data-testid="audit-clear">${t('audit.clear')}</a>
        </fieldset>
      </form>`;
  }

  private table(page: AuditPageData) {
    const { t, locale } = this.ctx;
    const number = this.cursors.length + 1;
    const pager = html`
      <div class="pager">
        <span data-testid="audit-total">${t('audit.total', { total: page.total })}</span>
        <span data-testid="audit-page-number">${t('audit.page', { page: number })}</span>
        <button class="quiet" data-testid="audit-prev" ?disabled=${number === 1} @click=${() => { this.cursors = this.cursors.slice(0, -1); }}>${t('audit.prev')}</button>
        <button class="quiet" data-testid="audit-next" ?disabled=${!page.nextCursor} @click=${() => { this.cursors = [...this.cursors, page.nextCursor!]; }}>${t('audit.next')}</button>
      </div>`;
    if (page.entries.length === 0) return html`${pager}<p data-testid="audit-empty">${t('audit.empty')}</p>`;
    return html`
      ${pager}
      <table data-testid="audit">
        <thead><tr><th scope="col">${t('audit.seq')}</th><th scope="col">${t('audit.when')}</th><th scope="col">${t('audit.actor')}</th><th scope="col">${t('audit.action')}</th><th scope="col">${t('audit.target')}</th></tr></thead>
        <tbody>${page.entries.map((e) => html`
          <tr data-testid="audit-row" data-seq=${e.seq} data-action=${e.action}>
            <td><button class="quiet" data-testid="audit-open" aria-label=${t('audit.open', { seq: e.seq })} @click=${() => void this.show(e)}>${e.seq}</button></td>
            <td>${when(e.at, locale)}</td><td>${e.actor}</td><td>${e.action}</td><td>${e.target ?? '—'}</td>
          </tr>`)}</tbody>
      </table>`;
  }

  private detail() {
    const { t, locale } = this.ctx;
    const e = this.open;
    return html`
      <dialog aria-labelledby="entry-title" data-testid="audit-entry" @close=${() => { this.open = undefined; }}>
        ${e ? html`
          <h2 id="entry-title">${t('audit.entry', { seq: e.seq })}</h2>
          <dl>
            <dt>${t('audit.when')}</dt><dd>${when(e.at, locale)} <span class="note">${e.at}</span></dd>
            <dt>${t('audit.actor')}</dt><dd>${e.actor}</dd>
            <dt>${t('audit.action')}</dt><dd>${e.action}</dd>
            <dt>${t('audit.target')}</dt><dd>${e.target ?? '—'}</dd>
            <dt>${t('audit.hash')}</dt><dd><code>${e.hash ?? '—'}</code></dd>
            <dt>${t('audit.prevHash')}</dt><dd><code>${e.prevHash ?? '—'}</code></dd>
          </dl>
          <h3>${t('audit.details')}</h3>
          <pre data-testid="audit-details">${JSON.stringify(e.details ?? {}, null, 2)}</pre>
          <form method="dialog" class="close"><button data-testid="audit-close">${t('audit.close')}</button></form>` : ''}
      </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'audit-page': AuditPage }
}
