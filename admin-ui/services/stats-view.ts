// The statistics page's data, pure: GET /api/stats's answer (central/stats) turned into what each
// chart draws (x in seconds, as uPlot wants them) and into its text alternative (a summary line
// and the rows worth reading: hours, days or stores where something happened).
export interface StatsAnswer {
  from: string;
  to: string;
  store: string | null;
  hours: string[];
  synced: number[];
  sales: { count: number[]; gross: number[]; refunds: number[]; net: number[] };
  days: string[];
  conflicts: Array<{ strategy: string; outcome: string; counts: number[] }>;
  lag: Array<{ store: string; documents: number; meanLagMs: number | null }>;
}

/** One chart: x values, and one named series of y values each (null: no value). */
export interface ChartData {
  x: number[];
  /** Drawn in this order (a later one over an earlier); `colour` indexes the palette (default: position). */
  series: Array<{ label: string; values: Array<number | null>; colour?: number }>;
  /** For a category axis (stores): the name of each x. */
  categories?: string[];
}

const seconds = (isoPrefix: string, suffix: string) => Date.parse(`${isoPrefix}${suffix}`) / 1000;
export const hourSeconds = (hour: string): number => seconds(hour, ':00:00Z');
export const daySeconds = (day: string): number => seconds(day, 'T00:00:00Z');
/** Centavos as pesos. */
export const pesos = (centavos: number): number => centavos / 100;
export const lagMinutes = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 600) / 100);
const total = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export function syncedChart(s: StatsAnswer): ChartData {
  return { x: s.hours.map(hourSeconds), series: [{ label: 'synced', values: s.synced }] };
}

export function salesChart(s: StatsAnswer): ChartData {
  return {
    x: s.hours.map(hourSeconds),
    series: [
      { label: 'net', values: s.sales.net.map(pesos) },
      { label: 'refunds', values: s.sales.refunds.map(pesos) },
    ],
  };
}

/**
 * Conflicts per day as stacked bars: series k carries the running total of series 0..k, and the
 * tallest is drawn first, so each band shows over the one below it. The table has the plain counts.
 */
export function conflictsChart(s: StatsAnswer): ChartData {
  const running = s.days.map(() => 0);
  const stacked = s.conflicts.map((c, k) => {
    c.counts.forEach((n, i) => { running[i]! += n; });
    return { label: `${c.strategy} · ${c.outcome}`, values: [...running], colour: k };
  });
  return { x: s.days.map(daySeconds), series: stacked.reverse() };
}

export function lagChart(s: StatsAnswer): ChartData {
  return { x: s.lag.map((_, i) => i), categories: s.lag.map((l) => l.store), series: [{ label: 'lag', values: s.lag.map((l) => lagMinutes(l.meanLagMs)) }] };
}

export interface Totals { synced: number; sales: number; gross: number; refunds: number; net: number; conflicts: number }

export function totals(s: StatsAnswer): Totals {
  return {
    synced: total(s.synced), sales: total(s.sales.count), gross: total(s.sales.gross), refunds: total(s.sales.refunds), net: total(s.sales.net),
    conflicts: total(s.conflicts.map((c) => total(c.counts))),
  };
}

/** The hours in which anything was synced or sold (the rows of the text alternatives). */
export function busyHours(s: StatsAnswer, of: 'synced' | 'sales'): number[] {
  return s.hours.flatMap((_, i) => ((of === 'synced' ? s.synced[i]! : s.sales.count[i]! + s.sales.refunds[i]!) !== 0 ? [i] : []));
}

/** The days with any conflict. */
export function busyDays(s: StatsAnswer): number[] {
  return s.days.flatMap((_, i) => (s.conflicts.some((c) => c.counts[i] !== 0) ? [i] : []));
}
