// One chart of the statistics page, drawn by uPlot on a canvas. uPlot (about 20 kB gzipped, no
// dependencies, no eval, styles set through the CSSOM only) is the smallest library that draws
// time axes, bars and many series; it is loaded with a dynamic import() on first draw, so it is a
// chunk of its own that only this page fetches. Its stylesheet stays a file (`?url`), fetched with
// the chunk and adopted as a constructed stylesheet into this shadow root — never a <style>
// element, which the console's CSP (styles from 'self' only) would block. (A <link> in the shadow
// root works for the browser, but axe copies such sheets into inline <style>s, a CSP violation.)
// Times are UTC, like the server's hour and day buckets. The canvas is an image named by `label`;
// its text alternative (a table) is the page's job.
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type uPlot from 'uplot';
import uplotCss from 'uplot/dist/uPlot.min.css?url';
import type { ChartData } from '../services/stats-view.js';
import { errorLine } from './error-text.js';

/** Strokes with at least 3:1 contrast on white (WCAG 1.4.11 for graphics). */
const COLOURS = ['#1f4e79', '#a3281c', '#2e7d32', '#6a1b9a', '#8a5a00', '#00695c', '#ad1457', '#37474f'];

/** Tick steps for counts: never half a document. */
const WHOLE = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 1_000_000];

type UPlotClass = typeof uPlot;
interface ChartLib { UPlot: UPlotClass; sheet: CSSStyleSheet }

async function loadSheet(): Promise<CSSStyleSheet> {
  const res = await fetch(uplotCss);
  if (!res.ok) throw new Error(`${uplotCss}: HTTP ${res.status}`);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(await res.text());
  return sheet;
}

async function loadLib(): Promise<ChartLib> {
  const [UPlot, sheet] = await Promise.all([import('uplot').then((m) => m.default), loadSheet()]);
  return { UPlot, sheet };
}

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
  /** Counts: y ticks on whole numbers only. */
  @property({ type: Boolean }) counts = false;
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
  private static lib: Promise<ChartLib> | null = null;

  override render() {
    return html`
      <div class="plot" role="img" aria-label=${this.label} data-testid="plot"></div>
      ${this.failed ? errorLine(this.loadError) : null}`;
  }

  protected override async updated(changed: PropertyValues<this>): Promise<void> {
    if (!changed.has('data') && !changed.has('seriesNames')) return;
    const data = this.data;
    let UPlot: UPlotClass;
    try {
      StatsChart.lib ??= loadLib();
      const lib = await StatsChart.lib;
      UPlot = lib.UPlot;
      const root = this.shadowRoot!;
      if (!root.adoptedStyleSheets.includes(lib.sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, lib.sheet];
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
    const colour = (i: number) => COLOURS[i % COLOURS.length]!;
    const bars = this.bars ? UPlot.paths.bars!({ size: [0.7, 48] }) : undefined;
    return {
      width: this.width(),
      height: 260,
      tzDate: (ts) => UPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      // Names only: the numbers are in the page's table (uPlot's live values would show "--").
      legend: { live: false },
      scales: { x: this.xScale(data) },
      axes: [{ stroke: '#333', ...this.xTicks(data) }, { stroke: '#333', size: 80, ...(this.counts ? { incrs: WHOLE } : {}) }],
      series: [
        { label: '' },
        ...data.series.map((s, i) => ({
          label: this.seriesNames(s.label),
          stroke: colour(s.colour ?? i),
          width: 2,
          ...(bars ? { paths: bars, fill: `${colour(s.colour ?? i)}dd`, points: { show: false } } : {}),
        })),
      ],
    };
  }

  /** Categories and days sit on whole steps with half a step of room each side, so end bars show whole. */
  private xScale(data: ChartData): uPlot.Scale {
    if (this.axis === 'hours') return { time: true };
    const step = this.axis === 'days' ? 86_400 : 1;
    const [first, last] = [data.x[0] ?? 0, data.x[data.x.length - 1] ?? 0];
    return { time: this.axis === 'days', range: [first - step / 2, last + step / 2] };
  }

  /** One tick per category, and per day (thinned to fit): uPlot's own would fall between them. */
  private xTicks(data: ChartData): Partial<uPlot.Axis> {
    if (this.axis === 'hours') return {};
    const every = Math.max(1, Math.ceil((data.x.length * 56) / this.width()));
    const splits = data.x.filter((_, i) => this.axis === 'categories' || i % every === 0);
    const name = this.axis === 'categories'
      ? (x: number) => data.categories?.[x] ?? ''
      : (x: number) => new Date(x * 1000).toISOString().slice(5, 10);
    return { splits: () => splits, values: (_u, ticks) => ticks.map(name) };
  }
}

declare global {
  interface HTMLElementTagNameMap { 'stats-chart': StatsChart }
}
