// What each automatic strategy would make of a conflict (the `previews` of GET /api/conflicts/:id,
// computed by central with the same pure functions its resolver runs), each as the document it
// would produce: the differing fields side by side, the whole document on demand.
import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { showValue } from '../services/conflict-diff.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { shared } from './shared-styles.js';

export interface Preview { strategy: 'lww' | 'central-wins' | 'field-merge'; kind: 'keep-winner' | 'write-merged' | 'needs-review'; rev?: string; body?: Record<string, unknown>; reason?: string }

@customElement('strategy-previews')
export class StrategyPreviews extends LitElement {
  static override styles = [shared, css`
    td, pre { font-family: ui-monospace, monospace; font-size: 0.85rem; word-break: break-word; }
    td.what { font-family: inherit; }
    pre { white-space: pre-wrap; margin: 0.25rem 0 0; }
    details { margin-top: 0.25rem; }
  `];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  /** One per strategy. */
  @property({ attribute: false }) previews: Preview[] = [];
  /** The fields that differ between the revisions (shown for each preview). */
  @property({ attribute: false }) differs: string[] = [];

  override render() {
    const { t } = this.ctx;
    const fields = this.differs.filter((f) => !f.startsWith('_'));
    return html`
      <h2>${t('conflict.previews')}</h2>
      <div class="wrap"><table data-testid="previews">
        <thead><tr><th scope="col">${t('conflict.field')}</th>${this.previews.map((p) => html`<th scope="col" data-strategy=${p.strategy}>${t(`strategy.${p.strategy}`)}</th>`)}</tr></thead>
        <tbody>
          <tr><th scope="row">${t('conflicts.strategy')}</th>${this.previews.map((p) => html`<td class="what" data-testid="preview-kind" data-strategy=${p.strategy}>${this.what(p)}</td>`)}</tr>
          ${fields.map((f) => html`<tr data-field=${f}><th scope="row">${f}</th>${this.previews.map((p) => html`<td data-testid="preview-value" data-strategy=${p.strategy}>${p.body ? showValue(p.body[f]) : '—'}</td>`)}</tr>`)}
          <tr><th scope="row">${t('conflict.document')}</th>${this.previews.map((p) => html`<td>${p.body
            ? html`<details><summary>${t('conflict.document')}</summary><pre>${JSON.stringify(p.body, null, 2)}</pre></details>` : '—'}</td>`)}</tr>
        </tbody>
      </table></div>`;
  }

  private what(p: Preview): string {
    const { t } = this.ctx;
    if (p.kind === 'keep-winner') return t('conflict.keeps', { rev: p.rev ?? '' });
    if (p.kind === 'write-merged') return t('conflict.writesMerged');
    return t('conflict.needsReview', { reason: p.reason ?? '' });
  }
}

declare global {
  interface HTMLElementTagNameMap { 'strategy-previews': StrategyPreviews }
}
