import { expect } from 'chai';
import { checkSnapshotAccess, checkSnapshotDb } from '../../../../central/snapshot/snapshot-access.js';

const store = (id: string, kind = 'cashier') => ['store', `store:${id}`, kind];

describe('snapshot-access', () => {
  const cases: [string, string[], string, boolean][] = [
    ['a cashier its own store', store('s1'), 'store-s1', true],
    ['a cashier the catalog', store('s1'), 'catalog', true],
    ['a device the customers', store('s1', 'device'), 'customers', true],
    ['a cashier another store', store('s2'), 'store-s1', false],
    ['a chain admin any store', ['admin'], 'store-s3', true],
    ['the server admin the catalog', ['_admin'], 'catalog', true],
    ['an account with no store role the catalog', ['cashier'], 'catalog', false],
  ];
  for (const [who, roles, db, allowed] of cases) {
    it(`${allowed ? 'lets' : 'refuses'} ${who}`, () => {
      if (allowed) expect(() => checkSnapshotAccess(roles, db)).not.to.throw();
      else expect(() => checkSnapshotAccess(roles, db)).to.throw().with.property('code', 'FORBIDDEN');
    });
  }

  it('takes only the databases a till replicates, and names any other in a BAD_REQUEST', () => {
    for (const db of ['catalog', 'customers', 'store-s1']) expect(checkSnapshotDb(db)).to.equal(db);
    for (const db of ['audit', '_users', 'store-', 'store-S1', 'pronto-sessions']) {
      expect(() => checkSnapshotDb(db)).to.throw(db).with.property('code', 'BAD_REQUEST');
    }
  });
});
