// Who may use the console, and as what: chain admins everything, store managers their own store.
import { expect } from 'chai';
import { isChainAdmin, managedStore, mayUseConsole } from '../../../admin-ui/services/roles.js';

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
