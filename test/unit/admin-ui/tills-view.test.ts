import { expect } from 'chai';
import { pickStore, showDuration, waitedMs } from '../../../admin-ui/services/tills-view.js';
import type { StoreView } from '../../../admin-ui/services/till-view.js';

const stores: StoreView[] = [{ store: 's1', name: 'Centro', active: true, tills: [] }, { store: 's2', name: 'Norte', active: true, tills: [] }];
const admin = { name: 'chain-admin', roles: ['admin'] };
const manager = { name: 'manager-s2', roles: ['manager', 'store:s2'] };

describe('admin-ui/services/tills-view', () => {
  it("shows a manager their own store whatever the address asks, an admin the address's store or the first", () => {
    expect(pickStore(new URLSearchParams('store=s1'), manager, stores)).to.equal('s2');
    expect(pickStore(new URLSearchParams('store=s2'), admin, stores)).to.equal('s2');
    expect(pickStore(new URLSearchParams('store=s9'), admin, stores)).to.equal('s1');
    expect(pickStore(new URLSearchParams(''), admin, stores)).to.equal('s1');
    expect(pickStore(new URLSearchParams(''), admin, [])).to.equal(null);
  });

  it('measures the wait of the oldest pending upload only while something is pending and the till said when', () => {
    const now = Date.parse('2026-11-24T17:10:00.000Z');
    expect(waitedMs({ pending: 2, oldestPendingAt: '2026-11-24T17:00:00.000Z' }, now)).to.equal(600_000);
    expect(waitedMs({ pending: 0, oldestPendingAt: '2026-11-24T17:00:00.000Z' }, now)).to.equal(null);
    expect(waitedMs({ pending: 2 }, now)).to.equal(null);
    expect(waitedMs({ pending: 1, oldestPendingAt: '2026-11-24T17:20:00.000Z' }, now), 'a till clock ahead waits no less than nothing').to.equal(0);
  });

  it('says durations the way people do', () => {
    const cases: Array<[number, string]> = [[0, '0 s'], [45_000, '45 s'], [60_000, '1 min'], [3_599_000, '59 min'], [3_600_000, '1 h'], [3_900_000, '1 h 5 min'], [86_400_000, '1 d'], [100_800_000, '1 d 4 h']];
    for (const [ms, text] of cases) expect(showDuration(ms), String(ms)).to.equal(text);
  });
});
