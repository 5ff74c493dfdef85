// What a proposed conflict policy would do to the conflicts now waiting (POST
// /api/config/conflict-policy/preview, 20 a page): per conflict, the strategy and reason it
// waits under now, and whether the new policy would settle it (keeping whose version, or a
// merged one) or leave it for an admin, and why. Central computes it with the resolver's own
// pure functions; nothing is saved.
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ConflictPolicy } from '../../validators/types.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { errorLine, errorText } from './error-text.js';
import { settingsStyles } from './settings-styles.js';
import { shared } from './shared-styles.js';

type Outcome =
  | { outcome: 'settled' }
  | { outcome: 'auto'; strategy: string; kind: 'keep-winner' | 'write-merged'; rev?: string; body?: { updatedBy?: string } }
  | { outcome: 'manual'; strategy: string; reason: string };
interface PreviewRow { conflict: string; db: string; docId: string; now: { strategy: string; reason?: string }; would: Outcome }
interface PreviewPage { total: number; rows: PreviewRow[]; auto: number; manual: number; nextCursor: string | null }

const PAGE = 20;

@customElement('policy-preview')
export class PolicyPreview extends LitElement {
  static override styles = [shared, settingsStyles];

  /** The proposed policy (a new object asks again). */
  @property({ attribute: false }) policy: ConflictPolicy | undefined;
  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  /** The cursor of the page shown; undefined = the first. */
  @state() private cursor: string | undefined;

  private readonly page = new Task(this, {
    task: ([policy, cursor]) => this.ctx.api.request<PreviewPage>('POST', '/config/conflict-policy/preview', { policy, limit: PAGE, ...(cursor ? { cursor } : {}) }),
    args: () => [this.policy, this.cursor] as const,
  });

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('policy')) this.cursor = undefined;
  }

  override render() {
    const { t } = this.ctx;
    if (!this.policy) return html``;
    return html`
      <h3 id="preview-title">${t('settings.preview.title')}</h3>
      ${this.page.render({
        pending: () => html`<p role="status">${t('app.loading')}</p>`,
        complete: (p) => this.table(p),
        error: (err) => errorLine(errorText(err, t)),
      })}`;
  }

  private table(p: PreviewPage) {
    const { t } = this.ctx;
    if (p.total === 0) return html`<p role="status" data-testid="preview-none">${t('settings.preview.none')}</p>`;
    return html`
      <p role="status" data-testid="preview-summary">${t('settings.preview.summary', { total: p.total, auto: p.auto, manual: p.manual })}</p>
      <table data-testid="preview" aria-labelledby="preview-title">
        <thead><tr><th scope="col">${t('settings.preview.doc')}</th><th scope="col">${t('settings.preview.now')}</th><th scope="col">${t('settings.preview.would')}</th></tr></thead>
        <tbody>${p.rows.map((r) => html`
          <tr data-testid="preview-row" data-outcome=${r.would.outcome}>
            <td><a href="#/conflicts/${encodeURIComponent(r.conflict)}">${r.docId}</a><br><span class="note">${r.db}</span></td>
            <td>${r.now.strategy}${r.now.reason ? html`<br><span class="note">${r.now.reason}</span>` : ''}</td>
            <td>${this.outcome(r.would)}</td>
          </tr>`)}</tbody>
      </table>
      <div class="actions">
        ${this.cursor ? html`<button class="quiet" @click=${() => { this.cursor = undefined; }}>${t('settings.preview.first')}</button>` : ''}
        ${p.nextCursor ? html`<button class="quiet" data-testid="preview-next" @click=${() => { this.cursor = p.nextCursor!; }}>${t('settings.preview.next')}</button>` : ''}
      </div>`;
  }

  private outcome(o: Outcome) {
    const { t } = this.ctx;
    if (o.outcome === 'settled') return t('settings.preview.settled');
    if (o.outcome === 'manual') return html`<span class="error">${t('settings.preview.manual', { strategy: o.strategy, reason: o.reason })}</span>`;
    if (o.kind === 'write-merged') return html`<span class="saved">${t('settings.preview.merged', { strategy: o.strategy })}</span>`;
    return html`<span class="saved">${t('settings.preview.keep', { strategy: o.strategy, who: o.body?.updatedBy ?? o.rev ?? '?' })}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'policy-preview': PolicyPreview }
}
