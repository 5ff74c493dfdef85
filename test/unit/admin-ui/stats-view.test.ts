import { expect } from 'chai';
import { busyDays, busyHours, conflictsChart, lagChart, salesChart, totals, type StatsAnswer } from '../../../admin-ui/services/stats-view.js';

const stats: StatsAnswer = {
  from: '2026-11-24', to: '2026-11-25', store: null,
  hours: ['2026-11-24T09', '2026-11-24T10', '2026-11-24T11'],
  synced: [4, 0, 2],
  sales: { count: [2, 0, 0], gross: [170_000, 0, 0], refunds: [0, 0, 45_000], net: [170_000, 0, -45_000] },
  days: ['2026-11-24', '2026-11-25'],
  conflicts: [{ strategy: 'lww', outcome: 'keep-winner', counts: [0, 3] }],
  lag: [{ store: 's1', documents: 0, meanLagMs: null }, { store: 's2', documents: 4, meanLagMs: 90_000 }],
};

describe('admin-ui/services/stats-view', () => {
  it('puts hours and days on a UTC time axis in seconds and money in pesos', () => {
    const sales = salesChart(stats);
    expect(sales.x[0]).to.equal(Date.parse('2026-11-24T09:00:00Z') / 1000);
    expect(sales.series).to.deep.equal([{ label: 'net', values: [1700, 0, -450] }, { label: 'refunds', values: [0, 0, 450] }]);
    expect(conflictsChart(stats).x).to.deep.equal([Date.parse('2026-11-24T00:00:00Z') / 1000, Date.parse('2026-11-25T00:00:00Z') / 1000]);
  });

  it('stacks the conflicts of each day, the tallest band drawn first, each keeping its colour', () => {
    const two = { ...stats, conflicts: [{ strategy: 'lww', outcome: 'keep-winner', counts: [1, 3] }, { strategy: 'manual', outcome: 'pending', counts: [2, 0] }] };
    expect(conflictsChart(two).series).to.deep.equal([
      { label: 'manual · pending', values: [3, 3], colour: 1 },
      { label: 'lww · keep-winner', values: [1, 3], colour: 0 },
    ]);
  });

  it('draws lag per store on a category axis in minutes, a store with nothing as a gap', () => {
    expect(lagChart(stats)).to.deep.equal({ x: [0, 1], categories: ['s1', 's2'], series: [{ label: 'lag', values: [null, 1.5] }] });
  });

  it('sums the range and lists only the hours and days where something happened', () => {
    expect(totals(stats)).to.deep.equal({ synced: 6, sales: 2, gross: 170_000, refunds: 45_000, net: 125_000, conflicts: 3 });
    expect(busyHours(stats, 'synced')).to.deep.equal([0, 2]);
    expect(busyHours(stats, 'sales')).to.deep.equal([0, 2]);
    expect(busyDays(stats)).to.deep.equal([1]);
  });
});
