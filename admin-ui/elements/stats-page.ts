// The statistics page (#/stats): four charts from GET /api/stats (central/stats) — documents synced
// per hour, sales per hour net of returns, conflicts per day by strategy and outcome, sync lag per
// store — over a range of UTC days and, for a chain admin, the whole chain or one store. Each chart (stats-chart.ts, which loads the
// chart library on demand) has a text alternative: a summary line and a table of the hours, days
// or stores where something happened. A store manager sees their own store (the API scopes them).
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { isChainAdmin } from '../services/roles.js';
import {
  busyDays, busyHours, conflictsChart, lagChart, lagMinutes, salesChart, syncedChart, totals, type StatsAnswer,
} from '../services/stats-view.js';
import type { MessageKey } from '../i18n/translate.js';
import { errorLine, errorText } from './error-text.js';
import { shared } from './shared-styles.js';
import './stats-chart.js';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** `2026-12-01T09` → `2026-12-01 09:00`. */
const hourText = (hour: string) => `${hour.replace('T', ' ')}:00`;

@customElement('stats-page')
export class StatsPage extends LitElement {
  static override styles = [shared, css`
    form { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; margin-bottom: 1rem; }
    fieldset { border: 1px solid #dde2e7; border-radius: 0.4rem; display: flex; gap: 0.75rem; align-items: end; flex-wrap: wrap; }
    label { display: flex; flex-direction: column; gap: 0.2rem; }
    select { font: inherit; padding: 0.45rem; border: 1px solid #6b7785; border-radius: 0.4rem; background: #fff; }
    .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 34rem), 1fr)); gap: 1rem; }
    section { background: #fff; border: 1px solid #dde2e7; border-radius: 0.5rem; padding: 0.75rem 1rem; min-width: 0; }
    h2 { font-size: 1.1rem; margin: 0 0 0.25rem; }
    details { margin-top: 0.5rem; }
    .table { max-height: 16rem; overflow: auto; }
    td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
    .table table { font-size: 0.9rem; }
    .table th, .table td { padding: 0.3rem 0.4rem; }
    tbody th { white-space: nowrap; }
  `];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  @state() private from = isoDay(Date.now() - 6 * DAY_MS);
  @state() private to = isoDay(Date.now());
  /** '' = the whole chain (admins); a store manager's answer is always their own store. */
  @state() private store = '';

  private readonly stats = new Task(this, {
    task: ([from, to, store]) => this.ctx.api.request<StatsAnswer>('GET', `/stats?${new URLSearchParams({ from: from!, to: to!, ...(store ? { store } : {}) })}`),
    args: () => [this.from, this.to, this.store],
  });

  /** The stores an admin may pick (a store manager picks none). */
  private readonly stores = new Task(this, {
    task: async ([admin]) => (admin ? (await this.ctx.api.request<{ stores: Array<{ store: string; name: string }> }>('GET', '/stores')).stores : []),
    args: () => [isChainAdmin(this.ctx.user)],
  });

  private apply(e: SubmitEvent): void {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    this.from = String(form.get('from'));
    this.to = String(form.get('to'));
    this.store = String(form.get('store') ?? '');
  }

  private storePicker(): TemplateResult | null {
    const stores = this.stores.value ?? [];
    if (stores.length === 0) return null;
    const { t } = this.ctx;
    return html`<label>${t('stats.store')}
      <select name="store">
        <option value="" ?selected=${this.store === ''}>${t('stats.scope.chain')}</option>
        ${stores.map((s) => html`<option value=${s.store} ?selected=${this.store === s.store}>${s.store} · ${s.name}</option>`)}
      </select></label>`;
  }

  override render() {
    const { t } = this.ctx;
    return html`
      <h1>${t('stats.title')}</h1>
      <form @submit=${this.apply} data-testid="range">
        <fieldset>
          <legend>${t('stats.range')}</legend>
          <label>${t('stats.from')} <input type="date" name="from" required .value=${this.from}></label>
          <label>${t('stats.to')} <input type="date" name="to" required .value=${this.to}></label>
          ${this.storePicker()}
          <button type="submit">${t('stats.apply')}</button>
        </fieldset>
      </form>
      ${this.stores.render({ error: (err) => errorLine(errorText(err, t)) })}
      ${this.stats.render({
        pending: () => html`<p role="status">${t('app.loading')}</p>`,
        complete: (s) => this.charts(s),
        error: (err) => errorLine(errorText(err, t), 'stats-error'),
      })}`;
  }

  private charts(s: StatsAnswer): TemplateResult {
    const { t, locale } = this.ctx;
    const sum = totals(s);
    const money = (centavos: number) => (centavos / 100).toLocaleString(locale, { style: 'currency', currency: 'MXN' });
    const num = (n: number) => n.toLocaleString(locale);
    const worst = s.lag.filter((l) => l.meanLagMs !== null).sort((a, b) => b.meanLagMs! - a.meanLagMs!)[0];
    const chart = (testid: string, title: MessageKey, about: MessageKey, summary: string, plot: TemplateResult, table: TemplateResult) => html`
      <section data-testid=${testid} aria-labelledby="${testid}-title">
        <h2 id="${testid}-title">${t(title)}</h2>
        <p class="note">${t(about)}</p>
        ${plot}
        <p data-testid="summary">${summary}</p>
        <details><summary>${t('stats.table')}</summary>
          <!-- Scrolls when long: focusable, so a keyboard can scroll it too. -->
          <div class="table" tabindex="0" role="region" aria-label=${t(title)}>${table}</div>
        </details>
      </section>`;
    const plot = (data: ReturnType<typeof syncedChart>, label: MessageKey, axis: 'hours' | 'days' | 'categories', bars: boolean, names: (l: string) => string = (l) => l) =>
      html`<stats-chart .data=${data} axis=${axis} ?bars=${bars} ?counts=${label === 'stats.synced.title' || label === 'stats.conflicts.title'}
        label=${t(label)} .seriesNames=${names} loadError=${t('stats.chartError')}></stats-chart>`;
    const salesName = (l: string) => t(l === 'net' ? 'stats.sales.net' : 'stats.sales.refunds');
    return html`
      <p class="note" data-testid="scope">${s.store === null ? t('stats.scope.chain') : t('stats.scope.store', { store: s.store })} · ${s.from} – ${s.to}. ${t('stats.utc')}</p>
      <div class="charts">
        ${chart('synced', 'stats.synced.title', 'stats.synced.about', t('stats.synced.summary', { count: num(sum.synced) }),
          plot(syncedChart(s), 'stats.synced.title', 'hours', true, () => t('stats.synced.series')),
          this.table([t('stats.hour'), t('stats.synced.series')], busyHours(s, 'synced').map((i) => [hourText(s.hours[i]!), num(s.synced[i]!)])))}
        ${chart('sales', 'stats.sales.title', 'stats.sales.about', t('stats.sales.summary', { count: num(sum.sales), gross: money(sum.gross), refunds: money(sum.refunds), net: money(sum.net) }),
          plot(salesChart(s), 'stats.sales.title', 'hours', false, salesName),
          this.table([t('stats.hour'), t('stats.sales.count'), t('stats.sales.gross'), t('stats.sales.refunds'), t('stats.sales.net')],
            busyHours(s, 'sales').map((i) => [hourText(s.hours[i]!), num(s.sales.count[i]!), money(s.sales.gross[i]!), money(s.sales.refunds[i]!), money(s.sales.net[i]!)])))}
        ${chart('conflicts', 'stats.conflicts.title', 'stats.conflicts.about', t('stats.conflicts.summary', { count: num(sum.conflicts) }),
          plot(conflictsChart(s), 'stats.conflicts.title', 'days', true),
          this.table([t('stats.day'), t('stats.conflicts.series'), t('stats.conflicts.count')],
            busyDays(s).flatMap((i) => s.conflicts.filter((c) => c.counts[i] !== 0).map((c) => [s.days[i]!, `${c.strategy} · ${c.outcome}`, num(c.counts[i]!)]))))}
        ${chart('lag', 'stats.lag.title', 'stats.lag.about',
          worst ? t('stats.lag.summary', { store: worst.store, minutes: num(lagMinutes(worst.meanLagMs)!) }) : t('stats.lag.noneSummary'),
          plot(lagChart(s), 'stats.lag.title', 'categories', true, () => t('stats.lag.series')),
          this.table([t('stats.store'), t('stats.lag.documents'), t('stats.lag.minutes')],
            s.lag.map((l) => [l.store, num(l.documents), l.meanLagMs === null ? '—' : num(lagMinutes(l.meanLagMs)!)])))}
      </div>`;
  }

  /** A table whose first column names the row and the others are numbers. */
  private table(head: string[], rows: string[][]): TemplateResult {
    if (rows.length === 0) return html`<p>${this.ctx.t('stats.none')}</p>`;
    return html`<table>
      <thead><tr>${head.map((h, i) => html`<th scope="col" class=${i === 0 ? '' : 'n'}>${h}</th>`)}</tr></thead>
      <tbody>${rows.map(([first, ...rest]) => html`<tr><th scope="row">${first}</th>${rest.map((c) => html`<td class="n">${c}</td>`)}</tr>`)}</tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'stats-page': StatsPage }
}
