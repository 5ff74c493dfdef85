// Bulk actions on the conflict queue (chain admins only; the API refuses anyone else): settle the
// selected conflicts, or the first 500 pending ones matching the filter, with one strategy through
// POST /api/conflicts/bulk, then show how each went. Emits `bulk-done` so the queue reloads.
import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ActionController } from '../controllers/action-controller.js';
import { BULK_MAX, bulkFilter, NO_FILTER, type QueueFilter } from '../services/conflict-filter.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { errorLine } from './error-text.js';
import { shared } from './shared-styles.js';

const STRATEGIES = ['lww', 'central-wins', 'field-merge'] as const;
type BulkStrategy = (typeof STRATEGIES)[number];

interface BulkAnswer {
  resolved: number; alreadyResolved: number; failed: number; more: boolean;
  results: Array<{ id: string; outcome: string; code?: string; reason?: string }>;
}

@customElement('conflict-bulk-bar')
export class ConflictBulkBar extends LitElement {
  static override styles = [shared, css`
    section { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; padding: 0.75rem; margin: 0 0 1rem; background: #f4f6f8; border: 1px solid #dde2e7; border-radius: 0.4rem; }
    h2 { font-size: 1rem; margin: 0; width: 100%; }
    label { display: flex; flex-direction: column; font-size: 0.85rem; gap: 0.2rem; }
    select { font: inherit; padding: 0.4rem; border: 1px solid #6b7785; border-radius: 0.4rem; background: #fff; }
    ul { margin: 0.25rem 0 0; padding-left: 1.2rem; font-size: 0.85rem; }
    [role='status'], p.error { width: 100%; margin: 0; }
    [role='status'] p { margin: 0; }
  `];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  /** The ids of the selected rows. */
  @property({ attribute: false }) selected: string[] = [];
  /** The queue's filter, for "all matching". */
  @property({ attribute: false }) filter: QueueFilter = NO_FILTER;
  /** How many pending conflicts the filter matches (the queue's total). */
  @property({ type: Number }) matching = 0;
  @state() private strategy: BulkStrategy = 'lww';
  @state() private answer: BulkAnswer | null = null;
  private readonly work = new ActionController(this, () => this.ctx.t);

  private async run(scope: 'selected' | 'matching'): Promise<void> {
    this.answer = null;
    await this.work.run(async () => {
      const body = scope === 'selected' ? { strategy: this.strategy, ids: this.selected } : { strategy: this.strategy, filter: bulkFilter(this.filter) };
      this.answer = await this.ctx.api.request<BulkAnswer>('POST', '/conflicts/bulk', body);
      this.dispatchEvent(new CustomEvent('bulk-done', { bubbles: true, composed: true }));
    });
  }

  override render() {
    const { t } = this.ctx;
    const a = this.answer;
    return html`
      <section aria-labelledby="bulk-title" data-testid="bulk-bar">
        <h2 id="bulk-title">${t('conflicts.bulk')}</h2>
        <label>${t('conflicts.strategy')}
          <select data-testid="bulk-strategy" @change=${(e: Event) => { this.strategy = (e.target as HTMLSelectElement).value as BulkStrategy; }}>
            ${STRATEGIES.map((s) => html`<option value=${s} ?selected=${s === this.strategy}>${t(`strategy.${s}`)}</option>`)}
          </select></label>
        <button data-testid="bulk-selected" ?disabled=${this.work.busy || this.selected.length === 0} @click=${() => this.run('selected')}>${t('conflicts.bulkSelected', { n: this.selected.length })}</button>
        <button class="quiet" data-testid="bulk-matching" ?disabled=${this.work.busy || this.filter.status !== 'pending' || this.matching === 0} @click=${() => this.run('matching')}>${t('conflicts.bulkMatching', { n: Math.min(this.matching, BULK_MAX), max: BULK_MAX })}</button>
        <div role="status" data-testid="bulk-result">
          ${a ? html`<p>${t('conflicts.bulkDone', { resolved: a.resolved, already: a.alreadyResolved, failed: a.failed })}${a.more ? ` ${t('conflicts.bulkMore')}` : ''}</p>
            ${a.failed > 0 ? html`<ul>${a.results.filter((r) => r.outcome === 'failed').slice(0, 10).map((r) => html`<li>${r.id}: ${r.reason}</li>`)}</ul>` : ''}` : ''}
        </div>
        ${errorLine(this.work.error)}
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'conflict-bulk-bar': ConflictBulkBar }
}
