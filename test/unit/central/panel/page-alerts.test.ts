import { expect } from 'chai';
import type { Alert, AlertKind } from '../../../../central/panel/index.js';
import { pageAlerts } from '../../../../central/panel/index.js';

const alert = (kind: AlertKind, store: string): Alert => ({ id: `${kind}:${store}`, kind, store, storeName: store, severity: 'warning', count: 1 });

describe('central/panel/page-alerts', function () {
  const alerts = [alert('negative-stock', 's10'), alert('tamper', 's2'), alert('negative-stock', 's2'), alert('quarantined', 's1'), alert('tamper', 's10')];

  it('puts the most serious kind first, then stores as people count them (s2 before s10)', function () {
    expect(pageAlerts(alerts, 10).alerts.map((a) => a.id)).to.deep.equal(['tamper:s2', 'tamper:s10', 'quarantined:s1', 'negative-stock:s2', 'negative-stock:s10']);
  });

  it('walks every alert once, page by page, and ends with no cursor', function () {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = pageAlerts(alerts, 2, cursor);
      expect(page.total).to.equal(5);
      seen.push(...page.alerts.map((a) => a.id));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(seen).to.deep.equal(pageAlerts(alerts, 10).alerts.map((a) => a.id));
  });

  it('goes on from the right place when the alert under the cursor has cleared', function () {
    const first = pageAlerts(alerts, 2);
    const cleared = alerts.filter((a) => a.id !== 'tamper:s10');
    expect(pageAlerts(cleared, 2, first.nextCursor!).alerts.map((a) => a.id)).to.deep.equal(['quarantined:s1', 'negative-stock:s2']);
  });

  it('refuses a cursor it did not make, naming it', function () {
    expect(() => pageAlerts(alerts, 2, 'nope')).to.throw().with.nested.property('details.param', 'cursor');
    expect(() => pageAlerts(alerts, 2, 'tamper:S/1')).to.throw().with.nested.property('details.param', 'cursor');
  });
});
