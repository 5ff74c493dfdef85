import { expect } from 'chai';
import { auditAddress, auditApiPath, filtersOf, isoToLocal, localToIso } from '../../../admin-ui/services/audit-query.js';
import { hashQuery, routeOf } from '../../../admin-ui/services/route.js';

describe('admin-ui/services/audit-query', function () {
  it('reads the filters from the address and writes the same address back', function () {
    const hash = '#/audit?action=tamper.detected&store=s1&ignored=x&actor=';
    const filters = filtersOf(hashQuery(hash));
    expect(filters).to.deep.equal({ action: 'tamper.detected', store: 's1' });
    expect(auditAddress(filters)).to.equal('#/audit?action=tamper.detected&store=s1');
    expect(routeOf(auditAddress(filters))).to.deep.equal({ page: 'audit' });
    expect(auditAddress({})).to.equal('#/audit');
  });

  it('asks the API with the filters, the page size and the cursor', function () {
    expect(auditApiPath({ actor: 'ana maría' }, 50, 'abc')).to.equal('/audit?actor=ana+mar%C3%ADa&limit=50&cursor=abc');
    expect(auditApiPath({}, 25)).to.equal('/audit?limit=25');
  });

  it('turns a local time into ISO and back', function () {
    const iso = localToIso('2026-12-02T10:30')!;
    expect(iso).to.match(/^2026-12-0[12]T\d\d:30:00\.000Z$/);
    expect(isoToLocal(iso)).to.equal('2026-12-02T10:30');
    expect(localToIso('')).to.equal(undefined);
    expect(localToIso('nope')).to.equal(undefined);
    expect(isoToLocal('nope')).to.equal('');
  });
});
