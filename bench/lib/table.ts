// The table `npm run bench` prints at the end: one row per figure (ours, its baseline, the
// ratio, the spread of ours, which way is better) and one per failed scenario, then the
// footnotes naming each baseline and note. Pure: summaries in, text out.
import { formatRatio, formatValue } from './format.js';
import { oursWins, type Summary } from './stats.js';

export interface Failure {
  /** The scenario's name (`--only NAME`). */
  scenario: string;
  message: string;
}

const HEAD = ['#', 'scenario', 'ours', 'baseline', 'ratio', 'min–max (ours)', 'better'];

/** `↓ ✓`: lower is better and ours wins; `↑ ✗`: higher is better and ours loses; `=`: a tie to two decimals. */
export function betterMarker(s: Pick<Summary, 'ratio' | 'better'>): string {
  const arrow = s.better === 'lower' ? '↓' : '↑';
  if (s.ratio !== null && Math.abs(s.ratio - 1) < 0.005) return `${arrow} =`;
  const wins = oursWins(s);
  return wins === null ? arrow : `${arrow} ${wins ? '✓' : '✗'}`;
}

function statLabel(s: Summary): string {
  return s.stat === 'p50' ? '' : ` (${s.stat})`;
}

function row(s: Summary, i: number): string[] {
  const spread = s.min === null || s.max === null ? '—' : `${formatValue(s.min, '')}–${formatValue(s.max, s.unit)}`;
  return [String(i + 1), `${s.scenario}${statLabel(s)}`, formatValue(s.ours, s.unit), formatValue(s.baseline, s.unit), formatRatio(s.ratio), spread, betterMarker(s)];
}

export function formatTable(summaries: readonly Summary[], failures: readonly Failure[] = []): string {
  const cells = summaries.map(row);
  const failed = failures.map((f) => ['!', f.scenario, 'FAILED', '', '', '', '']);
  const all = [HEAD, ...cells, ...failed];
  const width = HEAD.map((_, c) => Math.max(...all.map((r) => [...r[c]!].length)));
  const line = (r: readonly string[]) => r.map((x, c) => {
    const pad = width[c]! - [...x].length;
    return c === 1 || c === r.length - 1 ? x + ' '.repeat(pad) : ' '.repeat(pad) + x;
  }).join('  ').trimEnd();
  const notes = summaries.map((s, i) => `${i + 1}. baseline: ${s.baselineName || 'none'}${s.note ? ` — ${s.note}` : ''}`);
  const errors = failures.map((f) => `! ${f.scenario} failed: ${f.message}`);
  return [
    line(HEAD), ...cells.map(line), ...failed.map(line), '',
    'ratio = ours ÷ baseline, same run, same server; ↓ lower is better, ↑ higher is better; ✓ ours wins, ✗ the baseline wins, = a tie.',
    ...notes, ...errors,
  ].join('\n');
}
