import { expect } from 'chai';
import { betterMarker, formatTable } from '../../../bench/lib/table.js';
import { formatRatio, formatValue } from '../../../bench/lib/format.js';
import { summarize } from '../../../bench/lib/stats.js';

describe('bench/lib/format', () => {
  it('writes a value to a precision that fits its size, thousands grouped, with its unit', () => {
    expect(formatValue(1.2345, 'ms')).to.equal('1.23 ms');
    expect(formatValue(15.84, 'ms')).to.equal('15.8 ms');
    expect(formatValue(1234.5, 'docs/s')).to.equal('1,235 docs/s');
    expect(formatValue(3, '')).to.equal('3.00');
    expect(formatValue(null, 'ms')).to.equal('—');
    expect(formatValue(Number.NaN, 'ms')).to.equal('—');
  });

  it('writes a ratio with two decimals below 10 and one above', () => {
    expect(formatRatio(0.4)).to.equal('0.40×');
    expect(formatRatio(14.83)).to.equal('14.8×');
    expect(formatRatio(null)).to.equal('—');
  });
});

describe('bench/lib/table', () => {
  const fast = summarize({ scenario: 'reconnect backlog', unit: 's', better: 'lower', ours: [2, 3, 4], baseline: [6, 6, 6], baselineName: 'raw replicate.to', note: 'target ≤ 0.5×' });
  const slow = summarize({ scenario: 'validated writes', unit: 'docs/s', better: 'higher', ours: [500], baseline: [1000], baselineName: 'no design doc' });
  const size = summarize({ scenario: 'bundles: POS', unit: 'kB', better: 'lower', ours: [114], baseline: [], baselineName: '' });

  it('marks the direction and who wins, and a tie to two decimals', () => {
    expect(betterMarker(fast)).to.equal('↓ ✓');
    expect(betterMarker(slow)).to.equal('↑ ✗');
    expect(betterMarker(size)).to.equal('↓');
    expect(betterMarker({ ratio: 1.004, better: 'lower' })).to.equal('↓ =');
  });

  it('prints one aligned row per figure with ours, baseline, ratio and spread, then numbered footnotes', () => {
    const lines = formatTable([fast, slow, size]).split('\n');
    expect(lines[0]).to.match(/^#\s+scenario\s+ours\s+baseline\s+ratio\s+min–max \(ours\)\s+better$/);
    expect(lines[1]).to.match(/^1\s+reconnect backlog\s+3\.00 s\s+6\.00 s\s+0\.50×\s+2\.00–4\.00 s\s+↓ ✓$/);
    expect(lines[2]).to.match(/^2\s+validated writes\s+500 docs\/s\s+1,000 docs\/s\s+0\.50×\s+500–500 docs\/s\s+↑ ✗$/);
    expect(lines[3]).to.match(/^3\s+bundles: POS\s+114 kB\s+—\s+—\s+114–114 kB\s+↓$/);
    // Columns line up: every row puts its ratio column at the same place.
    const ratioAt = lines[0]!.indexOf('ratio') + 'ratio'.length;
    for (const line of lines.slice(1, 4)) expect(line.slice(0, ratioAt)).to.match(/(×|—)$/);
    expect(lines).to.include('1. baseline: raw replicate.to — target ≤ 0.5×');
    expect(lines).to.include('3. baseline: none');
  });

  it('names a percentile figure by its percentile', () => {
    const p99 = summarize({ scenario: 'sale commit', stat: 'p99', unit: 'ms', better: 'lower', ours: [1, 2, 9], baseline: [1, 1, 3], baselineName: 'raw put' });
    expect(formatTable([p99]).split('\n')[1]).to.match(/^1\s+sale commit \(p99\)\s+9\.00 ms\s+3\.00 ms\s+3\.00×/);
  });

  it('reports a failed scenario as a row and its message under the table', () => {
    const text = formatTable([fast], [{ scenario: 'fleet', message: 'central did not answer' }]);
    const lines = text.split('\n');
    expect(lines[2]).to.match(/^!\s+fleet\s+FAILED$/);
    expect(lines.at(-1)).to.equal('! fleet failed: central did not answer');
  });
});
