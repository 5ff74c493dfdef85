// One conflict: its current revisions side by side (GET /api/conflicts/:id), one row per field,
// the fields that differ highlighted; the admin keeps one revision (POST .../resolve {rev}) and
// goes back to the queue.
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { compareFields, showValue } from '../services/conflict-diff.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import type { ConflictRecord } from './conflict-queue.js';
import { errorText } from './error-text.js';
import { shared } from './shared-styles.js';

interface Leaf { rev: string; body: Record<string, unknown> }
interface Detail { conflict: ConflictRecord; current: Leaf[] }

@customElement('conflict-detail')
export class ConflictDetail extends LitElement {
  static override styles = [shared, css`
    .wrap { overflow-x: auto; }
    tr.differs td, tr.differs th { background: #fff0c2; }
    tr.differs th::after { content: ' ≠'; color: #8a2115; }
    td { font-family: ui-monospace, monospace; font-size: 0.85rem; word-break: break-word; }
    thead th { font-family: ui-monospace, monospace; font-size: 0.85rem; }
    p.actions { margin: 1rem 0; }
  `];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  @property({ attribute: false }) conflictId = '';
  @state() private busy = false;
  @state() private error = '';

  private readonly load = new Task(this, {
    task: ([id]) => this.ctx.api.request<Detail>('GET', `/conflicts/${encodeURIComponent(id)}`),
    args: () => [this.conflictId] as const,
  });

  private async pick(rev: string): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      await this.ctx.api.request('POST', `/conflicts/${encodeURIComponent(this.conflictId)}/resolve`, { rev });
      location.hash = '#/conflicts';
    } catch (err) {
      this.error = errorText(err, this.ctx.t);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const { t } = this.ctx;
    return html`
      <p><a href="#/conflicts">${t('conflict.back')}</a></p>
      ${this.load.render({
        pending: () => html`<p>${t('app.loading')}</p>`,
        complete: (d) => this.detail(d),
        error: (err) => html`<p class="error" role="alert">${errorText(err, t)}</p>`,
      })}
      <p class="error" role="alert" data-testid="resolve-error">${this.error}</p>`;
  }

  private detail({ conflict, current }: Detail) {
    const { t } = this.ctx;
    const rows = compareFields(current.map((l) => l.body));
    const pending = conflict.status === 'pending';
    return html`
      <h1>${t('conflict.title', { doc: conflict.docId })}</h1>
      <p class="note">${conflict.db} · ${conflict.reason ?? ''}</p>
      ${pending ? html`<p>${t('conflict.differs')}</p>` : html`<p role="status">${t('conflict.notPending')}</p>`}
      <div class="wrap">
        <table data-testid="leaves">
          <thead><tr><th scope="col">${t('conflict.field')}</th>${current.map((l) => html`<th scope="col">${t('conflict.revision', { rev: l.rev })}</th>`)}</tr></thead>
          <tbody>
            ${rows.map((r) => html`<tr class=${r.differs ? 'differs' : ''} data-field=${r.field} data-differs=${String(r.differs)}>
              <th scope="row">${r.field}</th>${current.map((l) => html`<td>${showValue(l.body[r.field])}</td>`)}</tr>`)}
            ${pending ? html`<tr><th scope="row"></th>${current.map((l) => html`<td>
              <button data-testid="pick" data-rev=${l.rev} ?disabled=${this.busy} aria-label=${t('conflict.pickLabel', { rev: l.rev })} @click=${() => this.pick(l.rev)}>${t('conflict.pick')}</button></td>`)}</tr>` : ''}
          </tbody>
        </table>
      </div>`;
  }
}
