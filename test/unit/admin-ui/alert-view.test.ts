import { expect } from 'chai';
import { alertLink, alertParams } from '../../../admin-ui/services/alert-view.js';
import { hashQuery, routeOf } from '../../../admin-ui/services/route.js';
import { chainTotals } from '../../../admin-ui/services/till-view.js';
import type { Alert, AlertKind, StoreFigures } from '../../../validators/api/panel.js';

const admin = { name: 'chain-admin', roles: ['admin'] };
const manager = { name: 'manager-s1', roles: ['manager', 'store:s1'] };
const alert = (kind: AlertKind, over: Partial<Alert> = {}): Alert => ({ id: `${kind}:s1`, kind, severity: 'warning', store: 's1', storeName: 'Centro', count: 2, ...over });

describe('admin-ui/services/alert-view', function () {
  const cases: Array<[AlertKind, string, Record<string, string>]> = [
    ['tamper', 'audit', { action: 'tamper.detected', store: 's1' }],
    ['quarantined', 'tills', { store: 's1' }],
    ['refund-above-sale', 'tills', { store: 's1' }],
    ['refused', 'tills', { store: 's1' }],
    ['silent', 'tills', { store: 's1' }],
    ['conflicts', 'conflicts', { store: 's1' }],
    ['negative-stock', 'feed', { store: 's1', type: 'sale' }],
  ];
  for (const [kind, page, query] of cases) {
    it(`links a ${kind} alert to the ${page} page with its filter`, function () {
      const link = alertLink(alert(kind), admin);
      expect(routeOf(link)).to.deep.equal({ page });
      expect(Object.fromEntries(hashQuery(link))).to.deep.equal(query);
    });
  }

  it("sends a store manager to the store's tills for tampering (the audit trail is the admin's)", function () {
    expect(alertLink(alert('tamper'), manager)).to.equal('#/tills?store=s1');
  });

  it('names the first five tills or SKUs of an alert, then "…"', function () {
    const skus = Array.from({ length: 7 }, (_, i) => ({ sku: `SKU-${i}`, qty: -1 - i }));
    expect(alertParams(alert('negative-stock', { count: 7, skus })).skus).to.equal('SKU-0 (-1), SKU-1 (-2), SKU-2 (-3), SKU-3 (-4), SKU-4 (-5)…');
    expect(alertParams(alert('silent', { tills: [{ device: 's1.pos1', lastHeardAt: null }] })).tills).to.equal('s1.pos1');
  });

  it('adds up the chain of net sales', function () {
    const figures = (net: number): StoreFigures => ({ businessDay: '2026-12-02', sales: { count: 1, total: net }, returns: { count: 0, total: 0 }, net, quarantined: { total: 0, byKind: {} }, refused: 0, refusedCapped: false, conflicts: 0 });
    expect(chainTotals([
      { store: 's1', name: 'A', active: true, tills: [], figures: figures(1000) },
      { store: 's2', name: 'B', active: true, tills: [], figures: figures(-200) },
      { store: 's3', name: 'C', active: true, tills: [] },
    ]).net).to.equal(800);
  });
});
