// The statistics page (#/stats): four charts from GET /api/stats (central/stats) — documents synced
// per hour, sales per hour net of returns, conflicts per day by strategy and outcome, sync lag per
// store — over a range of UTC days the user picks. Each chart (stats-chart.ts, which loads the
// chart library on demand) has a text alternative: a summary line and a table of the hours, days
// or stores where something happened. A store manager sees their own store (the API scopes them).
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import {
  busyDays, busyHours, conflictsChart, lagChart, lagMinutes, salesChart, syncedChart, totals, type StatsAnswer,
} from '../services/stats-view.js';
import type { MessageKey } from '../i18n/translate.js';
import { errorText } from './error-text.js';
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
    .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 34rem), 1fr)); gap: 1rem; }
    section { background: #fff; border: 1px solid #dde2e7; border-radius: 0.5rem; padding: 0.75rem 1rem; min-width: 0; }
    h2 { font-size: 1.1rem; margin: 0 0 0.25rem; }
    details { margin-top: 0.5rem; }
    .table { max-height: 16rem; overflow: auto; }
    td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
    tbody th { white-space: nowrap; }
  `];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  @state() private from = isoDay(Date.now() - 6 * DAY_MS);
  @state() private to = isoDay(Date.now());

  private readonly stats = new Task(this, {
    task: ([from, to]) => this.ctx.api.request<StatsAnswer>('GET', `/stats?from=${encodeURIComponent(from!)}&to=${encodeURIComponent(to!)}`),
    args: () => [this.from, this.to],
  });

  private apply(e: SubmitEvent): void {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    this.from = String(form.get('from'));
    this.to = String(form.get('to'));
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
          <button type="submit">${t('stats.apply')}</button>
        </fieldset>
      </form>
      ${this.stats.render({
        pending: () => html`<p role="status">${t('app.loading')}</p>`,
        complete: (s) => this.charts(s),
        error: (err) => html`<p class="error" role="alert" data-testid="stats-error">${errorText(err, t)}</p>`,
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
        <details><summary>${t('stats.table')}</summary><div class="table">${table}</div></details>
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
