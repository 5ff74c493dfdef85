// One chart of the statistics page, drawn by uPlot on a canvas. uPlot (about 20 kB gzipped, no
// dependencies, no eval, styles set through the CSSOM only) is the smallest library that draws
// time axes, bars and many series; it is loaded with a dynamic import() on first draw, so it is a
// chunk of its own that only this page fetches. Its stylesheet is a file linked from the shadow
// root (`?url`), never a <style> injected at run time: the console's CSP allows only 'self' styles.
// Times are UTC, like the server's hour and day buckets. The canvas is an image named by `label`;
// its text alternative (a table) is the page's job.
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type uPlot from 'uplot';
import uplotCss from 'uplot/dist/uPlot.min.css?url';
import type { ChartData } from '../services/stats-view.js';

/** Strokes with at least 3:1 contrast on white (WCAG 1.4.11 for graphics). */
const COLOURS = ['#1f4e79', '#a3281c', '#2e7d32', '#6a1b9a', '#8a5a00', '#00695c', '#ad1457', '#37474f'];

type UPlotClass = typeof uPlot;

@customElement('stats-chart')
export class StatsChart extends LitElement {
  static override styles = css`
    :host { display: block; }
    .plot { min-height: 260px; }
    .error { color: #a3281c; }
  `;

  /** What to draw; a new object redraws. */
  @property({ attribute: false }) data: ChartData | null = null;
  /** `hours` and `days` are time axes (UTC); `categories` names each x by `data.categories`. */
  @property() axis: 'hours' | 'days' | 'categories' = 'hours';
  /** Bars (one series) rather than lines. */
  @property({ type: Boolean }) bars = false;
  /** The chart's accessible name. */
  @property() label = '';
  /** The series' names as the legend shows them, by `data.series[i].label`. */
  @property({ attribute: false }) seriesNames: (label: string) => string = (l) => l;
  /** Shown when the chart library could not be loaded. */
  @property() loadError = 'Chart unavailable';

  @state() private failed = false;
  @query('.plot') private plotEl!: HTMLDivElement;
  private plot: uPlot | null = null;
  private resize: ResizeObserver | null = null;
  private static lib: Promise<UPlotClass> | null = null;

  override render() {
    return html`
      <link rel="stylesheet" href=${uplotCss}>
      <div class="plot" role="img" aria-label=${this.label} data-testid="plot"></div>
      ${this.failed ? html`<p class="error" role="alert">${this.loadError}</p>` : null}`;
  }

  protected override async updated(changed: PropertyValues<this>): Promise<void> {
    if (!changed.has('data') && !changed.has('seriesNames')) return;
    const data = this.data;
    let UPlot: UPlotClass;
    try {
      StatsChart.lib ??= import('uplot').then((m) => m.default);
      UPlot = await StatsChart.lib;
    } catch (err) {
      StatsChart.lib = null; // tried again on the next draw
      this.failed = true; // shown as an alert in place of the chart; the text alternative stays
      console.error('could not load the chart library', err);
      return;
    }
    if (data !== this.data) return; // a newer draw is under way
    this.failed = false;
    this.plot?.destroy();
    this.plot = data === null ? null : new UPlot(this.options(UPlot, data), [data.x, ...data.series.map((s) => s.values)] as uPlot.AlignedData, this.plotEl);
    this.resize ??= new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: 260 }));
    this.resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize?.disconnect();
    this.resize = null;
    this.plot?.destroy();
    this.plot = null;
  }

  private width(): number {
    return Math.max(280, this.clientWidth || 600);
  }

  private options(UPlot: UPlotClass, data: ChartData): uPlot.Options {
    const categories = this.axis === 'categories' ? data.categories ?? [] : null;
    const bars = this.bars ? UPlot.paths.bars!({ size: [0.6, 48] }) : undefined;
    return {
      width: this.width(),
      height: 260,
      tzDate: (ts) => UPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: { x: categories ? { time: false, range: [-0.5, Math.max(0.5, categories.length - 0.5)] } : { time: true } },
      axes: [
        categories
          ? { stroke: '#333', splits: () => data.x, values: (_u, splits) => splits.map((i) => categories[i] ?? '') }
          : { stroke: '#333' },
        { stroke: '#333' },
      ],
      series: [
        { label: this.axis === 'categories' ? '' : 'UTC' },
        ...data.series.map((s, i) => ({
          label: this.seriesNames(s.label),
          stroke: COLOURS[i % COLOURS.length],
          width: 2,
          ...(bars ? { paths: bars, fill: `${COLOURS[i % COLOURS.length]}cc`, points: { show: false } } : {}),
        })),
      ],
    };
  }
}

declare global {
  interface HTMLElementTagNameMap { 'stats-chart': StatsChart }
}
