// The summary statistics of a figure: its samples reduced to the one number the table shows
// (the median, or the percentile the scenario names), the ratio of ours to the baseline, and the
// spread of ours. Pure: numbers in, numbers out.
import type { Result } from './scenario.js';

/** Nearest-rank percentile: the smallest sample with at least p% of the samples at or below it. */
export function pct(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** The median (the mean of the two middle samples when their count is even). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Reduces samples as the figure's `stat` says: the median by default. */
export function statOf(xs: readonly number[], stat: Result['stat']): number {
  if (stat === 'p95') return pct(xs, 95);
  if (stat === 'p99') return pct(xs, 99);
  return median(xs);
}

export interface Summary {
  scenario: string;
  /** The registered scenario that measured it (`npm run bench -- --only <from>`), when known. */
  from?: string;
  unit: string;
  better: Result['better'];
  stat: NonNullable<Result['stat']>;
  /** Ours reduced by `stat`; null without samples. */
  ours: number | null;
  /** The baseline reduced by `stat`; null when the figure has no baseline. */
  baseline: number | null;
  /** ours / baseline; null without both. Below 1 is good for a 'lower' figure, above 1 for 'higher'. */
  ratio: number | null;
  /** Spread of ours. */
  min: number | null;
  max: number | null;
  baselineName: string;
  note?: string;
  samples: { ours: number[]; baseline: number[] };
}

const orNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

export function summarize(r: Result): Summary {
  const stat = r.stat ?? 'p50';
  const ours = r.ours.length > 0 ? orNull(statOf(r.ours, stat)) : null;
  const baseline = r.baseline.length > 0 ? orNull(statOf(r.baseline, stat)) : null;
  return {
    scenario: r.scenario, unit: r.unit, better: r.better, stat, ours, baseline,
    ratio: ours !== null && baseline !== null && baseline !== 0 ? ours / baseline : null,
    min: r.ours.length > 0 ? Math.min(...r.ours) : null,
    max: r.ours.length > 0 ? Math.max(...r.ours) : null,
    baselineName: r.baselineName,
    ...(r.note === undefined ? {} : { note: r.note }),
    samples: { ours: [...r.ours], baseline: [...r.baseline] },
  };
}

/** Whether ours beats the baseline in the figure's direction; null without a ratio. */
export function oursWins(s: Pick<Summary, 'ratio' | 'better'>): boolean | null {
  if (s.ratio === null) return null;
  return s.better === 'lower' ? s.ratio < 1 : s.ratio > 1;
}
