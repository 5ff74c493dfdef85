// Repeated timings and the table the console bench prints: each scenario is ours beside a raw
// baseline measured in the same run, alternately (one warm-up of each, not counted), so drift on
// these shared machines hits both sides alike and the ratio is what to compare.
// pct, paired and timed live in bench/lib, shared by every scenario; re-exported for the console bench.
import { pct } from '../lib/stats.js';

export { pct } from '../lib/stats.js';
export { paired, timed } from '../lib/paired.js';

import type { Result } from '../lib/scenario.js';

/** One figure of the table: a Result of the suite's contract, always in ms and lower-is-better. */
export type Row = Result & { unit: 'ms'; better: 'lower' };

/** A row of `samples`, in ms. */
export const row = (scenario: string, samples: { ours: number[]; baseline: number[] }, baselineName: string, note?: string): Row =>
  ({ scenario, unit: 'ms', better: 'lower', ours: samples.ours, baseline: samples.baseline, baselineName, ...(note ? { note } : {}) });

const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);

export function table(rows: readonly Result[]): string {
  const cells = rows.map((r) => r.ours.length === 0
    ? [r.scenario, 'n/a', ms(pct(r.baseline, 50)), '—', '—', '—', `${r.baselineName}${r.note ? ` — ${r.note}` : ''}`]
    : [
      r.scenario, ms(pct(r.ours, 50)), ms(pct(r.baseline, 50)), `${(pct(r.ours, 50) / pct(r.baseline, 50)).toFixed(2)}×`,
      ms(pct(r.ours, 95)), `${ms(Math.min(...r.ours))}–${ms(Math.max(...r.ours))}`, `${r.baselineName}${r.note ? ` — ${r.note}` : ''}`,
    ]);
  const head = ['scenario', 'ours p50', 'raw p50', 'ratio', 'ours p95', 'ours min–max', 'raw baseline (same run)'];
  const w = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => c.map((x, i) => (i === 0 || i === c.length - 1 ? x.padEnd(w[i]!) : x.padStart(w[i]!))).join('  ').trimEnd();
  return [line(head), ...cells.map(line)].join('\n');
}
