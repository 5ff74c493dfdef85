// Who may use the console, and as what: chain admins everything, store managers their own store.
import { expect } from 'chai';
import { isChainAdmin, managedStore, mayUseConsole } from '../../../admin-ui/services/roles.js';
import { hashQuery, MANAGER_PAGES, routeOf } from '../../../admin-ui/services/route.js';

const user = (...roles: string[]) => ({ name: 'x', roles });

describe('console roles', function () {
  it('knows a chain admin (and the server admin) from a store manager and a cashier', function () {
    expect(isChainAdmin(user('admin'))).to.equal(true);
    expect(isChainAdmin(user('_admin'))).to.equal(true);
    expect(isChainAdmin(user('store', 'store:s1', 'manager'))).to.equal(false);
    expect(isChainAdmin(null)).to.equal(false);
  });

  it('names the store a manager manages, and no store for anyone else', function () {
    expect(managedStore(user('store', 'store:s1', 'manager'))).to.equal('s1');
    expect(managedStore(user('store', 'store:s1', 'cashier'))).to.equal(null);
    expect(managedStore(user('manager'))).to.equal(null);
    expect(managedStore(user('admin'))).to.equal(null);
  });

  it('lets chain admins and store managers in, and turns cashiers away', function () {
    expect(mayUseConsole(user('admin'))).to.equal(true);
    expect(mayUseConsole(user('store', 'store:s2', 'manager'))).to.equal(true);
    expect(mayUseConsole(user('store', 'store:s2', 'cashier'))).to.equal(false);
  });
});

describe('console routes', function () {
  it('reads the page from the address, its query left to the page, anything unknown as the panel', function () {
    expect(routeOf('#/feed')).to.deep.equal({ page: 'feed' });
    expect(routeOf('#/conflicts?store=s1')).to.deep.equal({ page: 'conflicts' });
    expect(routeOf('#/conflicts/store-s1%2Fproduct%3AX')).to.deep.equal({ page: 'conflict', id: 'store-s1/product:X' });
    expect(routeOf('#/tills?store=s2')).to.deep.equal({ page: 'tills' });
    expect(routeOf('#/nowhere')).to.deep.equal({ page: 'panel' });
    expect(routeOf('')).to.deep.equal({ page: 'panel' });
    expect(hashQuery('#/conflicts?store=s1&type=product').get('type')).to.equal('product');
    expect(hashQuery('#/panel').toString()).to.equal('');
  });

  it('opens only the panel, feed, queue and tills to a store manager', function () {
    expect(['panel', 'feed', 'conflicts', 'tills', 'audit', 'settings', 'accounts', 'stats'].filter((p) => MANAGER_PAGES.has(p as never))).to.deep.equal(['panel', 'feed', 'conflicts', 'tills']);
  });
});
