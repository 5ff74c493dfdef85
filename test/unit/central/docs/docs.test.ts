// Reading one document for the console, pure parts: which addresses are allowed, who may read
// which database, and a customer's personal fields masked.
import { expect } from 'chai';
import { MASK, mayReadDatabase, maskPersonal, parseDocAddress } from '../../../../central/docs/index.js';
import { isProntoError } from '../../../../validators/errors.js';

const refusedParam = (db: string, id: string) => {
  try {
    parseDocAddress(db, id);
  } catch (err) {
    if (isProntoError(err, 'BAD_REQUEST')) return err.details.param;
    throw err;
  }
  return undefined;
};

describe('central/docs', function () {
  it('accepts catalog, customers and store databases, and says which store', function () {
    expect(parseDocAddress('store-s1', 'sale:s1:x')).to.deep.equal({ db: 'store-s1', id: 'sale:s1:x', store: 's1' });
    expect(parseDocAddress('catalog', 'product:X').store).to.equal(null);
    expect(parseDocAddress('customers', 'customer:x').store).to.equal(null);
  });

  const bad: Array<[string, string, string]> = [
    ['audit', 'audit:1', 'db'], ['_users', 'org.couchdb.user:a', 'db'], ['pronto-sessions', 'x', 'db'], ['store-', 'x', 'db'],
    ['store-S1', 'x', 'db'], ['catalog', '', 'id'], ['catalog', '_design/pronto', 'id'], ['catalog', '_local/x', 'id'], ['catalog', 'x'.repeat(301), 'id'],
  ];
  for (const [db, id, param] of bad) {
    it(`refuses ${db}/${id.slice(0, 20)} naming ${param}`, function () {
      expect(refusedParam(db, id)).to.equal(param);
    });
  }

  it('lets an admin read every database and a manager their own store and the catalog only', function () {
    const admin = { stores: null };
    const manager = { stores: ['s1'] };
    for (const db of ['catalog', 'customers', 'store-s1', 'store-s2']) expect(mayReadDatabase(admin, parseDocAddress(db, 'x')), db).to.equal(true);
    expect(mayReadDatabase(manager, parseDocAddress('store-s1', 'x'))).to.equal(true);
    expect(mayReadDatabase(manager, parseDocAddress('catalog', 'x'))).to.equal(true);
    expect(mayReadDatabase(manager, parseDocAddress('store-s2', 'x'))).to.equal(false);
    expect(mayReadDatabase(manager, parseDocAddress('customers', 'x'))).to.equal(false);
  });

  it("masks a customer's name, contact, tax id, address, notes and blind index, keeping which are set", function () {
    const doc = {
      _id: 'customer:1', _rev: '1-a', type: 'customer', name: 'María', phone: 'v1.aa.bb', email: 'v1.cc.dd', taxId: 'v1.ee.ff', notes: 'cliente frecuente',
      blindIndex: { phone: 'AAAAAAAAAAAAAAAAAAAA' }, points: 5, updatedBy: 'cajero', updatedAt: 'T',
    };
    const { doc: out, masked } = maskPersonal(doc);
    expect(out).to.deep.equal({ ...doc, name: MASK, phone: MASK, email: MASK, taxId: MASK, notes: MASK, blindIndex: { phone: MASK } });
    expect(masked).to.deep.equal(['name', 'phone', 'email', 'taxId', 'notes', 'blindIndex']);
    expect(doc.name, 'the original is left as it was').to.equal('María');
  });

  it('leaves other documents as they are', function () {
    const product = { _id: 'product:X', type: 'product', name: 'Tenis', price: 100 };
    expect(maskPersonal(product)).to.deep.equal({ doc: product, masked: [] });
  });
});
