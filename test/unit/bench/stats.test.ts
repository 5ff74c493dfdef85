import { expect } from 'chai';
import { median, oursWins, pct, statOf, summarize } from '../../../bench/lib/stats.js';
import type { Result } from '../../../bench/lib/scenario.js';

const result = (over: Partial<Result> = {}): Result => ({
  scenario: 'views: build', unit: 'ms', better: 'lower', ours: [30, 10, 20], baseline: [40, 60, 50], baselineName: 'raw map view', ...over,
});

describe('bench/lib/stats', () => {
  it('takes the nearest-rank percentile of unsorted samples', () => {
    const xs = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(pct(xs, 50)).to.equal(5);
    expect(pct(xs, 90)).to.equal(9);
    expect(pct(xs, 99)).to.equal(10);
    expect(pct(xs, 0)).to.equal(1);
    expect(pct([42], 99)).to.equal(42);
    expect(pct([], 50)).to.be.NaN;
  });

  it('takes the median as the mean of the middle two of an even count', () => {
    expect(median([3, 1, 2])).to.equal(2);
    expect(median([4, 1, 3, 2])).to.equal(2.5);
    expect(median([])).to.be.NaN;
  });

  it('reduces samples as the figure names: the median by default, else the percentile', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(statOf(xs, undefined)).to.equal(50.5);
    expect(statOf(xs, 'p50')).to.equal(50.5);
    expect(statOf(xs, 'p95')).to.equal(95);
    expect(statOf(xs, 'p99')).to.equal(99);
  });

  it('summarises a result as ours ÷ baseline with the spread of ours and every sample', () => {
    const s = summarize(result());
    expect(s).to.deep.include({ scenario: 'views: build', unit: 'ms', better: 'lower', stat: 'p50', ours: 20, baseline: 50, ratio: 0.4, min: 10, max: 30, baselineName: 'raw map view' });
    expect(s.samples).to.deep.equal({ ours: [30, 10, 20], baseline: [40, 60, 50] });
    expect(s).not.to.have.property('note');
  });

  it('summarises a percentile figure by that percentile on both sides', () => {
    const s = summarize(result({ stat: 'p99', ours: [1, 2, 100], baseline: [1, 1, 10] }));
    expect(s).to.deep.include({ stat: 'p99', ours: 100, baseline: 10, ratio: 10 });
  });

  it('gives no ratio to a figure without a baseline, or with a zero one', () => {
    expect(summarize(result({ baseline: [], baselineName: 'none' }))).to.deep.include({ baseline: null, ratio: null, ours: 20 });
    expect(summarize(result({ baseline: [0, 0, 0] })).ratio).to.equal(null);
    expect(summarize(result({ ours: [] }))).to.deep.include({ ours: null, ratio: null, min: null, max: null });
  });

  it('says ours wins below 1 for a lower-is-better figure and above 1 for a higher-is-better one', () => {
    expect(oursWins({ ratio: 0.5, better: 'lower' })).to.equal(true);
    expect(oursWins({ ratio: 1.5, better: 'lower' })).to.equal(false);
    expect(oursWins({ ratio: 1.5, better: 'higher' })).to.equal(true);
    expect(oursWins({ ratio: 0.5, better: 'higher' })).to.equal(false);
    expect(oursWins({ ratio: null, better: 'higher' })).to.equal(null);
  });
});
