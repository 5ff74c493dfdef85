import { expect } from 'chai';
import { buildDesignDocs, designDocChanged, type DesignDocKind } from '../../../design-docs/index.js';
import { isValid } from '../../../validators/index.js';
import { invalidDocs, product, sale, validDocs } from '../validators/fixtures.js';
import { couchSandbox } from './couch-sandbox.js';

const docs = buildDesignDocs();
const admin = { name: 'admin', roles: ['_admin'] };
const KIND_OF_TYPE: Record<string, DesignDocKind> = {
  sale: 'store', move: 'store', return: 'store', 'store-status': 'store', product: 'catalog', store: 'catalog',
  settings: 'catalog', customer: 'customers', audit: 'audit', conflict: 'audit',
};

// The design doc a document would meet: its database's, else the one for its type.
function kindFor(doc: unknown, db?: string): DesignDocKind {
  if (db?.startsWith('store-')) return 'store';
  if (db === 'catalog' || db === 'customers' || db === 'audit') return db;
  return KIND_OF_TYPE[String((doc as { type?: unknown }).type)] ?? 'store';
}

describe('design-docs/build', () => {
  it('builds _design/pronto for every kind of database with validation, views and lib', () => {
    expect(Object.keys(docs).sort()).to.deep.equal(['audit', 'catalog', 'customers', 'stats', 'store']);
    const { stats, ...withContract } = docs;
    expect(stats.lib, 'central\'s own counters carry no document contract').to.deep.equal({});
    expect(Object.keys(stats.views)).to.deep.equal(['arrivals-by-hour']);
    for (const doc of Object.values(withContract)) {
      expect(doc._id).to.equal('_design/pronto');
      expect(doc.language).to.equal('javascript');
      expect(doc.validate_doc_update).to.match(/^function \(newDoc, oldDoc, userCtx, secObj\)/);
      expect(Object.keys(doc.lib).sort()).to.deep.equal(['check', 'ucs2length', 'validators']);
      expect(doc.views).to.have.property('conflicts');
    }
    expect(docs.store.views.stock!.reduce).to.equal('_sum');
    expect(docs.store.views['stock-by-month']!.reduce).to.equal('_sum');
    expect(docs.store.views['sales-by-day']!.reduce).to.equal('_stats');
    expect(docs.store.views['returns-by-day']!.reduce).to.equal('_stats');
    expect(docs.store.views['returns-by-sale']).to.not.have.property('reduce');
    expect(docs.store.views['sales-by-hour']!.reduce).to.equal('_stats');
    expect(docs.store.views['quarantined-by-kind']!.reduce).to.equal('_count');
    expect(docs.store.views.quarantined).to.not.have.property('reduce');
    expect(Object.keys(docs.store.views).sort()).to.deep.equal(['conflicts', 'quarantined', 'quarantined-by-kind', 'quarantined-returns-by-sale', 'returns-by-day', 'returns-by-sale', 'sales-by-day', 'sales-by-hour', 'stock', 'stock-by-month']);
    expect(Object.keys(docs.catalog.views).sort()).to.deep.equal(['by-type', 'conflicts', 'products-by-model']);
    expect(Object.keys(docs.customers.views).sort()).to.deep.equal(['by-business-key', 'by-type', 'conflicts']);
  });

  it('ships validators that require nothing but lib/ucs2length', () => {
    for (const doc of [docs.store, docs.catalog, docs.customers, docs.audit]) {
      expect(doc.lib.validators!.match(/require\([^)]*\)/g)).to.deep.equal(['require("lib/ucs2length")']);
    }
  });

  describe('validate_doc_update in a CouchDB-like sandbox', () => {
    for (const { doc, db, message } of invalidDocs) {
      if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) continue;
      it(`refuses like validate(): "${message}"`, () => {
        const kind = kindFor(doc, db);
        const couch = couchSandbox(docs[kind]).validate(doc, { ...admin, db });
        expect(couch).to.equal(isValid(doc, { db: db ?? (kind === 'store' ? undefined : kind) }));
        expect(couch).to.equal(message);
      });
    }

    it('accepts every valid example in its database', () => {
      for (const { doc, db } of validDocs) {
        expect(couchSandbox(docs[kindFor(doc, db)]).validate(doc, { ...admin, db })).to.equal(null);
      }
    });

    it('lets only admins write the catalog and the audit trail', () => {
      const cashier = { name: 'ana', roles: ['cashier'] };
      expect(couchSandbox(docs.catalog).validate(product, { ...cashier, db: 'catalog' })).to.equal('only admins write the catalog');
      expect(couchSandbox(docs.audit).validate(product, { ...cashier, db: 'audit' })).to.equal('only admins write the audit trail');
      expect(couchSandbox(docs.catalog).validate(product, { name: 'boss', roles: ['admin'], db: 'catalog' })).to.equal(null);
      expect(couchSandbox(docs.store).validate(sale, { name: 'ana', roles: ['store', 'store:s1', 'cashier'], db: 'store-s1' })).to.equal(null);
    });
  });

  it('refuses another database\'s types even when the server does not tell the database', () => {
    // express-pouchdb on PouchDB 9 leaves userCtx.db unset unless central patches it.
    expect(couchSandbox(docs.store).validate(product, admin)).to.equal('type product is not allowed in this database');
  });

  describe('designDocChanged', () => {
    it('is false for the same doc read back with a _rev and keys in another order', () => {
      const next = docs.store;
      const current = { _rev: '3-abc', ...Object.fromEntries(Object.entries(structuredClone(next)).reverse()) };
      expect(designDocChanged(current, next)).to.equal(false);
    });

    it('is true when a view changes, and when there is no current doc', () => {
      const changed = structuredClone(docs.store);
      changed.views.stock!.reduce = '_count';
      expect(designDocChanged({ ...changed, _rev: '1-a' }, docs.store)).to.equal(true);
      expect(designDocChanged(undefined, docs.store)).to.equal(true);
    });
  });
});
