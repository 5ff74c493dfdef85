import { expect } from 'chai';
import { bulkFilter, filterFromQuery, listPath, queueAddress, withFacet, NO_FILTER } from '../../../admin-ui/services/conflict-filter.js';
import { hashQuery } from '../../../admin-ui/services/route.js';

describe('admin-ui/services/conflict-filter', function () {
  it('reads the filters from the address, the first of db, type and q winning', function () {
    expect(filterFromQuery(hashQuery('#/conflicts?store=s1&type=product'))).to.deep.equal({ ...NO_FILTER, store: 's1', type: 'product' });
    expect(filterFromQuery(hashQuery('#/conflicts?status=resolved&q=product:X&db=catalog'))).to.deep.include({ status: 'resolved', db: 'catalog', q: '' });
    expect(filterFromQuery(hashQuery('#/conflicts?status=nonsense'))).to.deep.equal(NO_FILTER);
  });

  it('writes the same filter back to the address and to the API path, with the page cursor', function () {
    const f = { ...NO_FILTER, store: 's2', q: 'product:PS' };
    expect(queueAddress(f)).to.equal('#/conflicts?status=pending&store=s2&q=product%3APS');
    expect(filterFromQuery(hashQuery(queueAddress(f)))).to.deep.equal(f);
    expect(listPath(f, 'abc', 50)).to.equal('/conflicts?status=pending&store=s2&q=product%3APS&limit=50&cursor=abc');
  });

  it('sets one of db, type and q at a time, and bounds a bulk action by filter to 500', function () {
    const f = withFacet({ ...NO_FILTER, type: 'product' }, 'db', ' catalog ');
    expect(f).to.deep.include({ db: 'catalog', type: '', q: '' });
    expect(bulkFilter({ ...f, status: 'pending', store: 's1' })).to.deep.equal({ store: 's1', db: 'catalog', limit: 500 });
  });
});
