import { expect } from 'chai';
import { ACCOUNT_NAME, passwordProblem, rolesFor, storeAccountOf, type UserDoc } from '../../../../central/accounts/account-rules.js';
import { nameProblem, passwordProblem as consolePasswordProblem } from '../../../../admin-ui/services/account-form.js';

const user = (name: string, roles: string[], extra: Partial<UserDoc> = {}): UserDoc => ({ _id: `org.couchdb.user:${name}`, type: 'user', name, roles, ...extra });

describe('central/accounts/account-rules', () => {
  it('knows a store account by its store role and kind', () => {
    expect(storeAccountOf(user('ana', ['store', 'store:s1', 'cashier']))).to.deep.equal({ name: 'ana', store: 's1', kind: 'cashier', disabled: false });
    expect(storeAccountOf(user('beto', ['manager', 'store', 'store:s2']))).to.deep.equal({ name: 'beto', store: 's2', kind: 'manager', disabled: false });
    expect(storeAccountOf(user('till', ['store', 'store:s2', 'device']))?.kind).to.equal('device');
  });

  it('never takes a chain admin, a server-admin role or an account of no store for a store account', () => {
    expect(storeAccountOf(user('boss', ['admin']))).to.equal(null);
    expect(storeAccountOf(user('sneaky', ['admin', 'store', 'store:s1', 'cashier']))).to.equal(null);
    expect(storeAccountOf(user('x', ['_admin', 'store:s1', 'cashier']))).to.equal(null);
    expect(storeAccountOf(user('loose', ['cashier']))).to.equal(null);
    expect(storeAccountOf(user('odd', ['store', 'store:s1', 'auditor']))).to.equal(null);
  });

  it('reads a disabled account (no roles) from what was kept at disabling, and ignores the mark on an account that still has roles', () => {
    const off = { store: 's1', kind: 'manager' as const, at: '2026-12-01T00:00:00Z', by: 'chain-admin' };
    expect(storeAccountOf(user('gone', [], { prontoDisabled: off }))).to.deep.equal({ name: 'gone', store: 's1', kind: 'manager', disabled: true });
    expect(storeAccountOf(user('still', ['store', 'store:s2', 'cashier'], { prontoDisabled: off }))).to.deep.include({ store: 's2', disabled: false });
  });

  it('gives a new account the roles of its store and kind', () => {
    expect(rolesFor('s1', 'cashier')).to.deep.equal(['cashier', 'store', 'store:s1']);
  });

  const passwords: Array<[string, RegExp | null]> = [
    ['Zapatos-2026', null], ['huaraches77', null], ['corto1', /10 to 200/], ['x'.repeat(201), /10 to 200/],
    ['sololetrasaqui', /mix/], ['1234567890', /mix/], ['ana-cajera-1', /account name/], ['ab1ab1ab1ab1', /so few/],
  ];
  for (const [password, problem] of passwords) {
    it(`${problem ? 'refuses' : 'accepts'} the password ${JSON.stringify(password.slice(0, 16))} for ana-cajera, the same on central and in the console`, () => {
      const answer = passwordProblem(password, 'ana-cajera');
      if (problem) expect(answer).to.match(problem);
      else expect(answer).to.equal(null);
      expect(consolePasswordProblem(password, 'ana-cajera') === null).to.equal(answer === null);
    });
  }

  it('takes names of 3 to 60 lower-case letters, digits, ".", "_" and "-", the same on central and in the console', () => {
    for (const ok of ['ana', 'cajera.s1', 'gerente_2', 'a-b-c', '9lives']) {
      expect(ACCOUNT_NAME.test(ok), ok).to.equal(true);
      expect(nameProblem(ok), ok).to.equal(null);
    }
    for (const bad of ['ab', 'Ana', '_admin', '-x1', 'org.couchdb.user:x', 'a b c', 'x'.repeat(61), 'año']) {
      expect(ACCOUNT_NAME.test(bad), bad).to.equal(false);
      expect(nameProblem(bad), bad).to.equal('acct.errName');
    }
  });
});
