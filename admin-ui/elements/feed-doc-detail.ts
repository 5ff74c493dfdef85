// One document of the change feed, as central shows it (GET /api/docs/:db/:id): its fields in a
// table, a customer's personal ones masked by central (never here) and marked as hidden.
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ApiError } from '../services/api.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { errorLine, errorText } from './error-text.js';
import { shared } from './shared-styles.js';

interface DocAnswer { db: string; doc: Record<string, unknown>; masked: string[] }

/** Closes the detail. */
export type DetailClosedEvent = CustomEvent<void>;

@customElement('feed-doc-detail')
export class FeedDocDetail extends LitElement {
  static override styles = [shared, css`
    :host { border: 1px solid #9aa7b4; border-radius: 0.5rem; padding: 1rem; background: #fff; }
    header { display: flex; align-items: baseline; gap: 1rem; flex-wrap: wrap; }
    h2 { font-size: 1.1rem; margin: 0; word-break: break-all; }
    header button { margin-left: auto; }
    td.value { font-family: ui-monospace, monospace; white-space: pre-wrap; word-break: break-all; }
    .mark { color: #7a4b00; font-weight: 600; }
  `];

  /** The database the document is in. */
  @property() db = '';
  /** The document's `_id`. */
  @property() docId = '';

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;

  private readonly load = new Task(this, {
    task: ([db, id]) => this.ctx.api.request<DocAnswer>('GET', `/docs/${encodeURIComponent(db!)}/${encodeURIComponent(id!)}`),
    args: () => [this.db, this.docId],
  });

  override render() {
    const { t } = this.ctx;
    return html`
      <section aria-labelledby="detail-title" data-testid="feed-detail">
        <header>
          <h2 id="detail-title" tabindex="-1">${t('feed.detail.title', { id: this.docId })}</h2>
          <span class="note">${t('feed.detail.in', { db: this.db })}</span>
          <button class="quiet" data-testid="feed-detail-close" @click=${this.close}>${t('feed.detail.close')}</button>
        </header>
        ${this.load.render({
          pending: () => html`<p>${t('app.loading')}</p>`,
          complete: (answer) => this.fields(answer),
          error: (err) => errorLine(err instanceof ApiError && err.status === 404 ? t('feed.detail.gone') : errorText(err, t)),
        })}
      </section>`;
  }

  /** A newly opened document takes the focus, so a keyboard or screen-reader user lands on it. */
  override updated(changed: PropertyValues<this>): void {
    if (changed.has('docId')) this.renderRoot.querySelector<HTMLElement>('#detail-title')?.focus();
  }

  private fields({ doc, masked }: DocAnswer) {
    const { t } = this.ctx;
    const hidden = new Set(masked);
    const conflicts = Array.isArray(doc._conflicts) ? doc._conflicts.map(String) : [];
    // CouchDB's own fields (`_id`, `_rev`) first, then the document's in its order.
    const rows = Object.entries(doc).filter(([k]) => k !== '_conflicts').sort(([a], [b]) => Number(!a.startsWith('_')) - Number(!b.startsWith('_')));
    return html`
      ${masked.length > 0 ? html`<p data-testid="feed-detail-masked">${t('feed.detail.masked', { fields: masked.join(', ') })}</p>` : ''}
      ${conflicts.length > 0 ? html`<p class="error">${t('feed.detail.conflicts', { revs: conflicts.join(', ') })}</p>` : ''}
      <table>
        <thead><tr><th scope="col">${t('feed.detail.field')}</th><th scope="col">${t('feed.detail.value')}</th></tr></thead>
        <tbody>
          ${rows.map(([k, v]) => html`<tr data-field=${k}>
            <th scope="row">${k}${hidden.has(k) ? html` <span class="mark">(${t('feed.detail.maskedMark')})</span>` : ''}</th>
            <td class="value">${typeof v === 'string' ? v : JSON.stringify(v, null, 2)}</td>
          </tr>`)}
        </tbody>
      </table>`;
  }

  private close(): void {
    this.dispatchEvent(new CustomEvent('detail-closed', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap { 'feed-doc-detail': FeedDocDetail }
  interface HTMLElementEventMap { 'detail-closed': DetailClosedEvent }
}
