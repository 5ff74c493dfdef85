import { expect } from 'chai';
import { daysOf, hoursOf, lagOf, parseStatsQuery, tallyArrivals } from '../../../central/stats/index.js';
import { conflictSeries, salesSeries } from '../../../central/stats/stats-series.js';

const NOW = Date.parse('2026-11-24T10:30:00.000Z');
const stamp = '2026-11-24T10:00:00.000Z-0001-s1.pos1';

describe('central/stats/tally-arrivals', () => {
  it('counts every row and measures the lag of new stamped store documents only', () => {
    const rows = [
      { id: `sale:s1:${stamp}`, changes: [{ rev: '1-a' }] },
      { id: `sale:s1:${stamp}x`, changes: [{ rev: '2-b' }] },
      { id: `return:s1:void:${stamp}`, changes: [{ rev: '1-c' }] },
      { id: 'store-status:s1:s1.pos1', changes: [{ rev: '1-d' }] },
      { id: 'move:s1:not-a-stamp', changes: [{ rev: '1-e' }] },
    ];
    expect(tallyArrivals('store-s1', rows, NOW)).to.deep.equal({ hour: '2026-11-24T10', count: 5, lagged: 1, lagSumMs: 30 * 60_000 });
    expect(tallyArrivals('catalog', rows, NOW)).to.deep.equal({ hour: '2026-11-24T10', count: 5, lagged: 0, lagSumMs: 0 });
  });

  it('counts a stamp ahead of central as no lag', () => {
    expect(lagOf({ id: `sale:s1:2026-11-24T11:00:00.000Z-0000-s1.pos1`, changes: [{ rev: '1-a' }] }, NOW)).to.equal(0);
  });
});

describe('central/stats/stats-query', () => {
  it('defaults to the last 7 UTC days and a manager to their own store', () => {
    expect(parseStatsQuery({}, null, NOW)).to.deep.equal({ from: '2026-11-18', to: '2026-11-24', store: null });
    expect(parseStatsQuery({}, ['s2'], NOW).store).to.equal('s2');
  });

  it('names the bad parameter', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ from: '2026-02-30' }, 'from'], [{ to: ['2026-01-01'] }, 'to'], [{ from: '2026-11-25', to: '2026-11-24' }, 'from'],
      [{ from: '2026-10-01', to: '2026-11-01' }, 'to'], [{ store: 'S1' }, 'store'],
    ];
    for (const [q, param] of cases) expect(() => parseStatsQuery(q, null, NOW), param).to.throw().with.property('details').that.include({ param });
    expect(() => parseStatsQuery({ store: 's1' }, ['s2'], NOW)).to.throw().with.property('code', 'FORBIDDEN');
  });

  it('lists every hour and day of the range', () => {
    const q = { from: '2026-11-23', to: '2026-11-24' };
    expect(hoursOf(q)).to.have.length(48);
    expect(hoursOf(q)[47]).to.equal('2026-11-24T23');
    expect(daysOf(q)).to.deep.equal(['2026-11-23', '2026-11-24']);
  });
});

describe('central/stats/stats-series', () => {
  it('sums the stores\' sales and refunds per hour, net of returns', () => {
    const hours = ['2026-11-24T09', '2026-11-24T10'];
    const s = salesSeries(hours, [
      { key: ['2026-11-24T09', 'sale'], value: { count: 2, sum: 500 } },
      { key: ['2026-11-24T09', 'sale'], value: { count: 1, sum: 100 } },
      { key: ['2026-11-24T10', 'return'], value: { count: 1, sum: 50 } },
    ]);
    expect(s).to.deep.equal({ count: [3, 0], gross: [600, 0], refunds: [0, 50], net: [600, -50] });
  });

  it('makes one series per strategy and outcome', () => {
    const days = ['2026-11-23', '2026-11-24'];
    expect(conflictSeries(days, [{ key: ['*', '2026-11-24', 'lww', 'keep-winner'], value: 3 }, { key: ['*', '2026-11-23', 'manual', 'pending'], value: 1 }])).to.deep.equal([
      { strategy: 'lww', outcome: 'keep-winner', counts: [0, 3] }, { strategy: 'manual', outcome: 'pending', counts: [1, 0] },
    ]);
  });
});
