// The conflict queue: pending conflicts (GET /api/conflicts?status=pending), newest first,
// reloaded live when central detects, queues or resolves one (/api/events).
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { listen } from '../services/live-events.js';
import { errorText } from './error-text.js';
import { shared, when } from './shared-styles.js';

export interface ConflictRecord { _id: string; db: string; docId: string; status: string; reason?: string; detectedAt?: string; strategy?: string }

export const CONFLICT_EVENTS = ['conflict.detected', 'conflict.queued', 'conflict.resolved'] as const;

@customElement('conflict-queue')
export class ConflictQueue extends LitElement {
  static override styles = [shared];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  private close: (() => void) | undefined;
  private last: ConflictRecord[] = [];

  private readonly load = new Task(this, {
    task: async () => {
      const r = await this.ctx.api.request<{ conflicts: ConflictRecord[] }>('GET', '/conflicts?status=pending&limit=500');
      this.last = r.conflicts;
      return r.conflicts;
    },
    args: () => [],
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.close = listen(CONFLICT_EVENTS, () => void this.load.run());
  }

  override disconnectedCallback(): void {
    this.close?.();
    super.disconnectedCallback();
  }

  override render() {
    const { t } = this.ctx;
    return html`
      <h1>${t('conflicts.title')}</h1>
      ${this.load.render({
        initial: () => html`<p>${t('app.loading')}</p>`,
        pending: () => this.table(this.last),
        complete: (rows) => this.table(rows),
        error: (err) => html`<p class="error" role="alert">${errorText(err, t)}</p>`,
      })}`;
  }

  private table(rows: ConflictRecord[]) {
    const { t, locale } = this.ctx;
    if (rows.length === 0) return html`<p data-testid="conflicts-empty">${t('conflicts.empty')}</p>`;
    return html`
      <table data-testid="conflicts">
        <thead><tr><th scope="col">${t('conflicts.doc')}</th><th scope="col">${t('conflicts.db')}</th><th scope="col">${t('conflicts.reason')}</th><th scope="col">${t('conflicts.detected')}</th><th scope="col"><span class="note">${t('conflicts.open')}</span></th></tr></thead>
        <tbody>
          ${rows.map((c) => html`
            <tr data-testid="conflict-row" data-doc=${c.docId}>
              <td>${c.docId}</td><td>${c.db}</td><td>${c.reason ?? '—'}</td><td>${when(c.detectedAt, locale)}</td>
              <td><a href=${`#/conflicts/${encodeURIComponent(c._id)}`} aria-label=${t('conflicts.openLabel', { doc: c.docId })}>${t('conflicts.open')}</a></td>
            </tr>`)}
        </tbody>
      </table>`;
  }
}
