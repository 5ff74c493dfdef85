// The change feed's rows (already filtered), a hundred at a time with "show more": when, database,
// type, id (a button that opens the document), store, who. Says which document is open.
import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import type { FeedEntry } from '../services/feed-buffer.js';
import { shared, when } from './shared-styles.js';

/** Rows shown at first, and added by each "show more". */
const PAGE = 100;

/** A row's document was asked for. */
export type OpenDocEvent = CustomEvent<{ db: string; docId: string }>;

@customElement('feed-table')
export class FeedTable extends LitElement {
  static override styles = [shared, css`
    td button { padding: 0.1rem 0.3rem; background: none; border: none; color: #1f4e79; text-decoration: underline; text-align: left; word-break: break-all; }
    tr.deleted td { color: #5c6670; }
    tr.selected td { background: #eef4fa; }
  `];

  /** The rows to show, newest first. */
  @property({ attribute: false }) rows: readonly FeedEntry[] = [];
  /** Whether the feed holds any change at all (else "none yet" rather than "none matches"). */
  @property({ type: Boolean }) any = false;
  /** The open document, if any. */
  @property({ attribute: false }) opened: { db: string; docId: string } | undefined;

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  @state() private shown = PAGE;

  override render() {
    const { t, locale } = this.ctx;
    const { rows } = this;
    if (!this.any) return html`<p data-testid="feed-empty">${t('feed.empty')}</p>`;
    if (rows.length === 0) return html`<p data-testid="feed-empty">${t('feed.emptyFiltered')}</p>`;
    const visible = rows.slice(0, this.shown);
    const isOpen = (e: FeedEntry) => this.opened?.docId === e.docId && this.opened.db === e.db;
    return html`
      <p class="note">${t('feed.shown', { shown: visible.length, total: rows.length })}</p>
      <table data-testid="feed" aria-label=${t('feed.table')}>
        <thead><tr>
          <th scope="col">${t('feed.col.when')}</th><th scope="col">${t('feed.col.db')}</th><th scope="col">${t('feed.col.type')}</th>
          <th scope="col">${t('feed.col.id')}</th><th scope="col">${t('feed.col.store')}</th><th scope="col">${t('feed.col.who')}</th>
        </tr></thead>
        <tbody>
          ${visible.map((e) => html`
            <tr data-testid="feed-row" data-doc=${e.docId} data-store=${e.store ?? ''} class=${`${e.deleted ? 'deleted' : ''} ${isOpen(e) ? 'selected' : ''}`}>
              <td>${when(e.when ?? e.at, locale)}</td><td>${e.db}</td><td>${e.docType}</td>
              <td><button aria-label=${t('feed.open', { id: e.docId })} @click=${() => this.open(e)}>${e.docId}</button>${e.deleted ? html` <span class="note">(${t('feed.deleted')})</span>` : ''}</td>
              <td>${e.store ?? '—'}</td><td>${e.who ?? '—'}</td>
            </tr>`)}
        </tbody>
      </table>
      ${rows.length > visible.length ? html`<p><button class="quiet" data-testid="feed-more" @click=${() => { this.shown += PAGE; }}>${t('feed.more', { n: Math.min(PAGE, rows.length - visible.length) })}</button></p>` : ''}`;
  }

  private open(e: FeedEntry): void {
    this.dispatchEvent(new CustomEvent('open-doc', { detail: { db: e.db, docId: e.docId }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap { 'feed-table': FeedTable }
  interface HTMLElementEventMap { 'open-doc': OpenDocEvent }
}
