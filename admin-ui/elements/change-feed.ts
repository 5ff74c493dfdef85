// The change feed page (#/feed[?store=s1&type=sale]): every change reaching central, live, newest
// first and bounded (services/feed-buffer.ts), pausable, filtered by store and type from the
// address (services/feed-filter.ts), with the connection's state. It starts from the latest
// changes read from the databases (GET /api/changes/recent) and follows /api/events from the id
// that read was made at, so nothing falls between; when central cannot replay what a lost
// connection missed (`reset`) it reads them again and says so (services/live-events.ts follow).
// A row of <feed-table> opens the document (<feed-doc-detail>, personal fields masked by central). A store
// manager's stream and reads carry only their store (central scopes them).
import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { HashChangeController } from '../controllers/hash-change-controller.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { addEntry, emptyFeed, entryOf, FEED_CAPACITY, mergeCaughtUp, setPaused, type FeedState, type RecentChange } from '../services/feed-buffer.js';
import { choices, feedHash, filterOf, matches, NO_FILTER, type FeedFilter } from '../services/feed-filter.js';
import { follow, type ConnectionState } from '../services/live-events.js';
import { managedStore } from '../services/roles.js';
import { hashQuery } from '../services/route.js';
import { errorText } from './error-text.js';
import { shared, when } from './shared-styles.js';
import './feed-doc-detail.js';
import './feed-table.js';
import type { OpenDocEvent } from './feed-table.js';

/**
 * How many of the latest changes are read from the databases on opening and after a reset.
 * Central reads that many rows, with their documents, from every database it merges (52 for a
 * chain of 50 stores), so fewer than the feed keeps live.
 */
const CATCH_UP = 200;

@customElement('change-feed')
export class ChangeFeed extends LitElement {
  static override styles = [shared, css`
    .bar { display: flex; flex-wrap: wrap; align-items: end; gap: 0.75rem 1.25rem; margin-bottom: 0.8rem; }
    .bar label { display: flex; flex-direction: column; gap: 0.2rem; font-weight: 600; }
    select { font: inherit; padding: 0.4rem; border: 1px solid #6b7785; border-radius: 0.4rem; background: #fff; min-width: 9rem; }
    select:focus-visible { outline: 3px solid #e0a100; outline-offset: 2px; }
    .state { padding: 0.3rem 0.7rem; border-radius: 1rem; font-weight: 600; margin: 0; }
    .state[data-state='live'] { background: #dff3e4; color: #175c2c; }
    .state[data-state='reconnecting'], .state[data-state='connecting'] { background: #fff1d6; color: #6b4400; }
    .notice { background: #fff1d6; color: #4d3100; border-left: 4px solid #b77900; padding: 0.6rem 0.8rem; }
    .layout { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; }
    .layout.open { grid-template-columns: minmax(0, 3fr) minmax(18rem, 2fr); }
  `];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  @state() private feed: FeedState = emptyFeed();
  @state() private connection: ConnectionState = 'connecting';
  /** Central could not replay what was missed: when, and how many changes were read again from the databases. */
  @state() private reset: { at: string; caughtUp: number | undefined; error?: unknown } | undefined;
  /** The first read of the latest changes failed: the feed is live from now on only. */
  @state() private startError: unknown;
  @state() private filter: FeedFilter = NO_FILTER;
  @state() private opened: { db: string; docId: string } | undefined;
  private stop: (() => void) | undefined;

  private readonly onHash = () => { this.filter = filterOf(hashQuery(location.hash)); };
  private readonly address = new HashChangeController(this, this.onHash);

  override connectedCallback(): void {
    super.connectedCallback();
    this.onHash();
    void this.start();
  }

  /** The latest changes from the databases, then the live stream from the id they were read at. */
  private async start(): Promise<void> {
    let from: string | undefined;
    try {
      from = (await this.catchUp()).from;
    } catch (err) {
      this.startError = err;
    }
    if (!this.isConnected) return;
    this.stop = follow(['change'], {
      on: (event) => {
        const entry = entryOf(event);
        if (entry) this.feed = addEntry(this.feed, entry);
      },
      onState: (s) => { this.connection = s; },
      onReset: () => void this.afterReset(),
      // An EventSource does not say why it failed: a small API call does, and a 401 there ends the session (Api.onExpired).
      onGaveUp: () => {
        this.ctx.api.request('GET', '/changes/recent?limit=1').catch((err: unknown) => console.warn('the change feed cannot reach central:', err));
      },
    }, { from });
  }

  /** Reads the latest changes into the list; the bus id they were read at, and how many were read. */
  private async catchUp(): Promise<{ from: string; read: number }> {
    const r = await this.ctx.api.request<{ lastEventId: string; changes: RecentChange[] }>('GET', `/changes/recent?limit=${CATCH_UP}`);
    this.feed = mergeCaughtUp(this.feed, r.changes, new Date().toISOString());
    return { from: r.lastEventId, read: r.changes.length };
  }

  private async afterReset(): Promise<void> {
    const at = new Date().toISOString();
    this.reset = { at, caughtUp: undefined };
    try {
      this.reset = { at, caughtUp: (await this.catchUp()).read };
    } catch (err) {
      this.reset = { at, caughtUp: undefined, error: err };
    }
  }

  override disconnectedCallback(): void {
    this.stop?.();
    super.disconnectedCallback();
  }

  override render() {
    const { t } = this.ctx;
    const own = managedStore(this.ctx.user);
    const rows = this.feed.entries.filter((e) => matches(e, this.filter));
    return html`
      <h1>${t('feed.title')}</h1>
      <p class="note">${t('feed.intro', { max: FEED_CAPACITY, read: CATCH_UP })}${own ? html` ${t('feed.managerNote', { store: own })}` : ''}</p>
      <div class="bar">
        <p class="state" role="status" data-testid="feed-state" data-state=${this.connection}>${t(`feed.state.${this.connection}`)}</p>
        <button data-testid="feed-pause" aria-pressed=${this.feed.paused ? 'true' : 'false'} @click=${this.togglePause}>${this.feed.paused ? t('feed.resume') : t('feed.pause')}</button>
        ${this.feed.paused ? html`<span data-testid="feed-held" role="status">${t('feed.held', { n: this.feed.held.length })}</span>` : ''}
        ${this.select('store', t('feed.filter.store'), t('feed.filter.any'), choices(this.feed.entries.map((e) => e.store), this.filter.store))}
        ${this.select('type', t('feed.filter.type'), t('feed.filter.anyType'), choices(this.feed.entries.map((e) => e.docType), this.filter.type))}
        ${this.filter.store || this.filter.type ? html`<button class="quiet" @click=${() => this.setFilter(NO_FILTER)}>${t('feed.filter.clear')}</button>` : ''}
      </div>
      ${this.notices()}
      <div class="layout ${this.opened ? 'open' : ''}">
        <feed-table .rows=${rows} ?any=${this.feed.entries.length > 0} .opened=${this.opened} @open-doc=${(e: OpenDocEvent) => { this.opened = e.detail; }}></feed-table>
        ${this.opened ? html`<feed-doc-detail .db=${this.opened.db} .docId=${this.opened.docId} @detail-closed=${this.closeDetail}></feed-doc-detail>` : ''}
      </div>`;
  }

  private notices() {
    const { t, locale } = this.ctx;
    const start = this.startError === undefined ? '' : html`<p class="notice" role="alert">${t('feed.startFailed', { error: errorText(this.startError, t) })}</p>`;
    const r = this.reset;
    if (r === undefined) return start;
    const time = when(r.at, locale);
    const text = r.error !== undefined ? t('feed.resetFailed', { time, error: errorText(r.error, t) })
      : r.caughtUp === undefined ? t('feed.resetReading', { time }) : t('feed.resetCaughtUp', { time, n: r.caughtUp });
    return html`${start}<p class="notice" role="alert" data-testid="feed-reset" data-caught-up=${r.caughtUp ?? ''}>${text}</p>`;
  }

  private select(key: keyof FeedFilter, label: string, any: string, values: string[]) {
    return html`<label>${label}
      <select data-testid=${`feed-filter-${key}`} @change=${(e: Event) => this.setFilter({ ...this.filter, [key]: (e.target as HTMLSelectElement).value })}>
        <option value="" ?selected=${this.filter[key] === ''}>${any}</option>
        ${values.map((v) => html`<option value=${v} ?selected=${this.filter[key] === v}>${v}</option>`)}
      </select></label>`;
  }

  private togglePause(): void {
    this.feed = setPaused(this.feed, !this.feed.paused);
  }

  private setFilter(filter: FeedFilter): void {
    history.replaceState(null, '', feedHash(filter));
    this.filter = filter;
  }

  private closeDetail(): void {
    this.opened = undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'change-feed': ChangeFeed }
}
