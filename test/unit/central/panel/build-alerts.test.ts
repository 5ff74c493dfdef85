import { expect } from 'chai';
import { buildAlerts, type StoreFacts } from '../../../../central/panel/build-alerts.js';
import { emptyFigures } from '../../../../central/panel/store-figures.js';

const facts = (over: Partial<StoreFacts> = {}): StoreFacts => ({
  store: 's1', name: 'Centro', figures: emptyFigures('2026-12-02'), tills: [], negativeStock: { count: 0, skus: [] }, tamper: 0, ...over,
});

describe('central/panel/build-alerts', function () {
  it('raises nothing for a quiet store', function () {
    expect(buildAlerts(facts())).to.deep.equal([]);
  });

  it('raises one alert per kind that has a cause, with its count', function () {
    const figures = { ...emptyFigures('2026-12-02'), quarantined: { total: 3, byKind: { sale: 1, 'refund-above-sale': 2 } }, refused: 4, conflicts: 5 };
    const alerts = buildAlerts(facts({ figures, tamper: 1, negativeStock: { count: 2, skus: [{ sku: 'A', qty: -2 }, { sku: 'B', qty: -1 }] } }));
    expect(alerts.map((a) => [a.kind, a.count, a.severity])).to.deep.equal([
      ['tamper', 1, 'critical'], ['quarantined', 1, 'critical'], ['refund-above-sale', 2, 'critical'], ['refused', 4, 'warning'],
      ['conflicts', 5, 'warning'], ['negative-stock', 2, 'warning'],
    ]);
    expect(alerts.find((a) => a.kind === 'negative-stock')!.skus).to.deep.equal([{ sku: 'A', qty: -2 }, { sku: 'B', qty: -1 }]);
    expect(alerts[0]).to.include({ id: 'tamper:s1', store: 's1', storeName: 'Centro' });
  });

  it('calls a till silent only when its report verifies and it has gone stale', function () {
    const till = (device: string, verified: boolean, stale: boolean) => ({ _id: `store-status:s1:${device}`, device, verified, stale, lastHeardAt: '2026-12-02T10:00:00.000Z' });
    const alerts = buildAlerts(facts({ tills: [till('s1.pos1', true, true), till('s1.pos2', true, false), till('s1.pos3', false, true)] }));
    expect(alerts).to.have.length(1);
    expect(alerts[0]).to.deep.include({ kind: 'silent', count: 1, tills: [{ device: 's1.pos1', lastHeardAt: '2026-12-02T10:00:00.000Z' }] });
  });
});
