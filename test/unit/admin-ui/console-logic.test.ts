// The console's pure decisions: which fields of a conflict's revisions differ, how a till shows on
// the panel (silent overrides what it last said), the chain's totals, and routes from the address.
import { expect } from 'chai';
import { compareFields, showValue } from '../../../admin-ui/services/conflict-diff.js';
import { chainTotals, inStoreOrder, showOffset, tillState, type StoreView, type TillReport } from '../../../admin-ui/services/till-view.js';

const till = (over: Partial<TillReport>): TillReport => ({ _id: 'store-status:s1:a', device: 'a', state: 'online', pending: 0, stale: false, verified: true, lastHeardAt: null, ...over });

describe('admin console logic', function () {
  it('marks the fields that differ between revisions, CouchDB’s own aside, a missing field as a difference', function () {
    const rows = compareFields([
      { _id: 'p', _rev: '2-a', price: 100, tags: ['x'], name: 'A' },
      { _id: 'p', _rev: '2-b', price: 100, tags: ['y'], name: 'A', cost: 5 },
    ]);
    expect(rows).to.deep.equal([
      { field: '_id', differs: false },
      { field: 'cost', differs: true },
      { field: 'name', differs: false },
      { field: 'price', differs: false },
      { field: 'tags', differs: true },
    ]);
    expect(showValue(undefined)).to.equal('—');
    expect(showValue({ a: 1 })).to.equal('{"a":1}');
  });

  it('shows a silent till as stale whatever it last said, and counts the chain', function () {
    expect(tillState(till({ state: 'online', stale: true }))).to.equal('stale');
    expect(tillState(till({ state: 'denied' }))).to.equal('denied');
    expect(tillState(till({ state: 'something-new' }))).to.equal('offline');
    const stores: StoreView[] = [
      { store: 's1', name: 'A', active: true, tills: [till({}), till({ state: 'syncing' }), till({ stale: true })] },
      { store: 's2', name: 'B', active: true, tills: [till({ state: 'error' })] },
    ];
    expect(chainTotals(stores)).to.deep.equal({ stores: 2, online: 2, offline: 1, stale: 1, net: 0 });
    expect(inStoreOrder([{ ...stores[0]!, store: 's10' }, { ...stores[0]!, store: 's2' }]).map((s) => s.store)).to.deep.equal(['s2', 's10']);
    expect(showOffset(-1500)).to.equal('−2 s');
    expect(showOffset(180_000)).to.equal('+3 min');
  });
});
