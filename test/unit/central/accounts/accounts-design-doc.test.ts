// The `_users` design doc's JavaScript, run here as CouchDB runs it: its by-store view must list
// exactly the accounts storeAccountOf calls store accounts, and its validate_doc_update must keep
// `prontoDisabled` for server admins.
import { expect } from 'chai';
import { accountsDesignDoc } from '../../../../central/accounts/accounts-design-doc.js';
import { storeAccountOf, type UserDoc } from '../../../../central/accounts/account-rules.js';

type Emitted = { key: unknown; value: unknown };
const compile = <F>(source: string) => new Function(`return (${source});`)() as F;

function mapped(doc: UserDoc): Emitted[] {
  const out: Emitted[] = [];
  const run = new Function('emit', `return (${accountsDesignDoc.views['by-store']!.map});`)((key: unknown, value: unknown) => out.push({ key, value })) as (d: UserDoc) => void;
  run(doc);
  return out;
}

const user = (name: string, roles: string[], extra: Partial<UserDoc> = {}): UserDoc => ({ _id: `org.couchdb.user:${name}`, type: 'user', name, roles, ...extra });
const off = { store: 's1', kind: 'cashier' as const, at: '2026-12-01T00:00:00Z', by: 'chain-admin' };

describe('central/accounts/accounts-design-doc', () => {
  const docs = [
    user('ana', ['store', 'store:s1', 'cashier']), user('beto', ['store', 'store:s2', 'manager']), user('till', ['store', 'store:s1', 'device']),
    user('boss', ['admin']), user('mixed', ['admin', 'store', 'store:s1', 'cashier']), user('loose', ['cashier']), user('odd', ['store', 'store:s1', 'auditor']),
    user('gone', [], { prontoDisabled: off }), user('marked', ['store', 'store:s3', 'cashier'], { prontoDisabled: off }), user('nobody', []),
  ];
  for (const doc of docs) {
    it(`lists ${doc.name} in the by-store view exactly when storeAccountOf takes it for a store account`, () => {
      const account = storeAccountOf(doc);
      const rows = mapped(doc);
      if (account === null) return void expect(rows).to.deep.equal([]);
      expect(rows).to.deep.equal([{ key: [account.store, account.name], value: { kind: account.kind, disabled: account.disabled } }]);
    });
  }

  it('lets only a server admin set, change or clear prontoDisabled', () => {
    const validate = compile<(n: unknown, o: unknown, ctx: { roles: string[] }) => void>(accountsDesignDoc.validate_doc_update);
    const plain = user('ana', ['store', 'store:s1', 'cashier']);
    const disabled = user('ana', [], { prontoDisabled: off });
    const self = { roles: ['store', 'store:s1', 'cashier'] };
    expect(() => validate(disabled, plain, self)).to.throw().that.deep.equals({ forbidden: 'only a server admin sets prontoDisabled' });
    expect(() => validate({ ...plain, prontoDisabled: { ...off, kind: 'manager' } }, disabled, self)).to.throw();
    expect(() => validate(plain, disabled, self)).to.throw();
    expect(() => validate({ ...plain, password: 'new-one-2026' }, plain, self), 'a user changing their own password').not.to.throw();
    expect(() => validate(disabled, plain, { roles: ['_admin'] })).not.to.throw();
  });
});
