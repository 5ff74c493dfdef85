// One conflict (GET /api/conflicts/:id): its live revisions side by side, the fields that differ
// highlighted, who wrote each revision and when; what lww, central-wins and field-merge would
// produce (central's own pure functions, computed by central); and a merge builder: a radio per
// differing field chooses the revision its value comes from, the merged document is validated live
// with the schemas compiled into the bundle (services/merge-builder.ts). The admin keeps one
// revision (POST .../resolve {rev}, then back to the queue) or applies the merge ({body, seen}),
// and the page settles live when central announces the resolution. Store managers read only.
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ActionController } from '../controllers/action-controller.js';
import { LiveEventsController } from '../controllers/live-events-controller.js';
import { compareFields, showValue } from '../services/conflict-diff.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { authorship, checkMerge, choosableFields, mergeOf, SET_BY_CENTRAL, type Picks, type Revision } from '../services/merge-builder.js';
import { isChainAdmin } from '../services/roles.js';
import type { ConflictRecord } from './conflict-queue.js';
import { errorLine, errorText } from './error-text.js';
import { shared, when } from './shared-styles.js';
import './strategy-previews.js';
import type { Preview } from './strategy-previews.js';

interface Detail { conflict: ConflictRecord; current: Revision[]; differs: string[]; previews: Preview[] }

@customElement('conflict-detail')
export class ConflictDetail extends LitElement {
  static override styles = [shared, css`
    .wrap { overflow-x: auto; }
    tr.differs td, tr.differs th { background: #fff0c2; }
    tr.differs th::after { content: ' ≠'; color: #8a2115; }
    td { font-family: ui-monospace, monospace; font-size: 0.85rem; word-break: break-word; }
    thead th { font-family: ui-monospace, monospace; font-size: 0.85rem; }
    thead .who { display: block; font-family: system-ui, sans-serif; font-weight: normal; color: #3b4550; }
    td.merged { background: #e6f2ea; }
    tr.differs td.merged { background: #d3ead9; }
    tr.bad td.merged { outline: 2px solid #a3281c; }
    label.use { display: flex; gap: 0.4rem; align-items: baseline; cursor: pointer; }
    p.actions { margin: 1rem 0; display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; }
    .ok { color: #1d6b34; }
  `];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  /** The conflict record's id. */
  @property({ attribute: false }) conflictId = '';
  @state() private picks: Picks = {};
  @state() private tick = 0;
  private readonly work = new ActionController(this, () => this.ctx.t);
  /** Settles live when central announces this conflict resolved (here or by another admin). */
  private readonly live = new LiveEventsController(this, ['conflict.resolved'], (e) => { if (e.data.conflict === this.conflictId) this.tick += 1; });

  /** The document schemas, precompiled, in their own chunk: loaded once a conflict is opened. */
  private readonly validator = new Task(this, {
    task: async () => (await import('../../validators/validate.js')).isValid,
    args: () => [],
  });

  private readonly load = new Task(this, {
    task: ([id]) => this.ctx.api.request<Detail>('GET', `/conflicts/${encodeURIComponent(id)}`),
    args: () => [this.conflictId, this.tick] as const,
  });

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('conflictId')) this.picks = {};
  }

  private async send(body: Record<string, unknown>, thenQueue: boolean): Promise<void> {
    await this.work.run(async () => {
      await this.ctx.api.request('POST', `/conflicts/${encodeURIComponent(this.conflictId)}/resolve`, body);
      if (thenQueue) location.hash = '#/conflicts';
      else this.tick += 1;
    });
  }

  override render() {
    const { t } = this.ctx;
    return html`
      <p><a href="#/conflicts">${t('conflict.back')}</a></p>
      ${this.load.render({
        pending: () => (this.load.value ? this.detail(this.load.value) : html`<p>${t('app.loading')}</p>`),
        complete: (d) => this.detail(d),
        error: (err) => errorLine(errorText(err, t)),
      })}
      ${errorLine(this.work.error, 'resolve-error')}`;
  }

  private detail(d: Detail) {
    const { t, locale } = this.ctx;
    const c = d.conflict;
    const pending = c.status === 'pending' && d.current.length > 1;
    return html`
      <h1>${t('conflict.title', { doc: c.docId })}</h1>
      <p class="note">${c.db} · ${c.reason ?? ''}</p>
      ${c.status === 'pending'
        ? html`<p>${t('conflict.differs')}</p>`
        : html`<p role="status" data-testid="resolved-status">${t('conflict.notPending')} ${t('conflict.resolvedAs', { by: c.resolvedBy ?? '—', at: when(c.resolvedAt, locale), resolution: c.resolution ?? '—' })}</p>`}
      ${pending ? this.sideBySide(d) : this.result(d)}
      ${pending && d.previews.length > 0 ? html`<strategy-previews .previews=${d.previews} .differs=${d.differs}></strategy-previews>` : ''}`;
  }

  private sideBySide(d: Detail) {
    const { t, locale, user } = this.ctx;
    const admin = isChainAdmin(user);
    const revs = d.current;
    const rows = compareFields(revs.map((l) => l.body));
    const choosable = new Set(choosableFields(revs));
    const merged = mergeOf(revs, this.picks, user?.name ?? 'admin');
    const isValid = this.validator.value;
    const check = isValid ? checkMerge(merged, d.conflict.db, isValid) : { ok: false, message: null, field: null };
    return html`
      ${admin ? html`<h2>${t('conflict.builder')}</h2><p class="note">${t('conflict.builderHelp')}</p>` : ''}
      <div class="wrap">
        <table data-testid="leaves">
          <thead><tr><th scope="col">${t('conflict.field')}</th>
            ${revs.map((l) => { const a = authorship(l.body); return html`<th scope="col" data-testid="rev-head" data-rev=${l.rev}>${t('conflict.revision', { rev: l.rev })}
              <span class="who" data-testid="rev-author">${t('conflict.by', { by: a.by, node: a.node ?? '—' })} ${a.at ? t('conflict.at', { at: when(a.at, locale) }) : ''}</span></th>`; })}
            ${admin ? html`<th scope="col">${t('conflict.merged')}</th>` : ''}</tr></thead>
          <tbody>
            ${rows.map((r) => html`<tr class="${r.differs ? 'differs' : ''} ${check.field === r.field ? 'bad' : ''}" data-field=${r.field} data-differs=${String(r.differs)}>
              <th scope="row">${r.field}</th>
              ${revs.map((l, i) => html`<td>${admin && choosable.has(r.field)
                ? html`<label class="use"><input type="radio" name=${`pick-${r.field}`} data-testid="use" data-field=${r.field} data-rev=${l.rev} .checked=${(this.picks[r.field] ?? 0) === i}
                    aria-label=${t('conflict.use', { field: r.field, rev: l.rev })} @change=${() => { this.picks = { ...this.picks, [r.field]: i }; }}><span>${showValue(l.body[r.field])}</span></label>`
                : showValue(l.body[r.field])}</td>`)}
              ${admin ? html`<td class="merged" data-testid="merged-value">${SET_BY_CENTRAL.has(r.field) ? html`<span class="note">${t('conflict.setByCentral')}</span>` : showValue(merged[r.field])}</td>` : ''}</tr>`)}
            ${admin ? html`<tr><th scope="row"></th>${revs.map((l) => html`<td>
              <button class="quiet" data-testid="pick" data-rev=${l.rev} ?disabled=${this.work.busy} aria-label=${t('conflict.pickLabel', { rev: l.rev })} @click=${() => this.send({ rev: l.rev, seen: revs.map((x) => x.rev) }, true)}>${t('conflict.pick')}</button></td>`)}<td></td></tr>` : ''}
          </tbody>
        </table>
      </div>
      ${admin ? html`<p class="actions">
        <button data-testid="apply-merge" ?disabled=${this.work.busy || !check.ok} @click=${() => this.send({ body: merged, seen: revs.map((x) => x.rev) }, false)}>${t('conflict.applyMerge')}</button>
        <span role="status" data-testid="merge-check" data-ok=${String(check.ok)} class=${check.ok ? 'ok' : 'error'}>${check.ok ? t('conflict.valid') : check.message === null ? t('app.loading') : t('conflict.invalid', { message: check.message })}</span></p>` : ''}`;
  }

  private result(d: Detail) {
    const { t } = this.ctx;
    const body = d.conflict.result ?? d.current[0]?.body;
    if (!body) return '';
    return html`
      <h2>${t('conflict.result')}</h2>
      <table data-testid="result"><tbody>
        ${Object.keys(body).filter((f) => !f.startsWith('_') || f === '_id').sort().map((f) => html`<tr data-field=${f}><th scope="row">${f}</th><td>${showValue(body[f])}</td></tr>`)}
      </tbody></table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'conflict-detail': ConflictDetail }
}
