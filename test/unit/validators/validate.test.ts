import { expect } from 'chai';
import { isProntoError, isValid, validate } from '../../../validators/index.js';
import { invalidDocs, product, sale, storeStatus, validDocs } from './fixtures.js';

describe('validators/validate', () => {
  describe('accepts every valid example', () => {
    for (const { doc, db } of validDocs) {
      const id = (doc as { _id: string })._id;
      it(`accepts ${id} in ${db}`, () => {
        expect(isValid(doc, { db })).to.equal(null);
        expect(validate(doc, { db })).to.equal(doc);
      });
    }
  });

  describe('refuses every invalid example with its message', () => {
    for (const { doc, db, message } of invalidDocs) {
      it(`refuses with "${message}"${db ? ` in ${db}` : ''}`, () => {
        expect(isValid(doc, { db })).to.equal(message);
      });
    }
  });

  it('accepts any known type when the database is not known', () => {
    expect(isValid(sale)).to.equal(null);
    expect(isValid(product, { db: 'scratch' })).to.equal(null);
  });

  it('refuses a tombstone that carries a field of its own, naming it (a deletion stores no unchecked data)', () => {
    expect(isValid({ _id: sale._id, _rev: '2-ab', _deleted: true, note: 'x'.repeat(1000) }, { db: 'store-s1' })).to.equal('a deleted document carries only _id, _rev and _deleted; found note');
    expect(isValid({ _id: sale._id, _rev: '2-ab', _deleted: true, _revisions: { start: 2, ids: ['ab', 'cd'] } }, { db: 'store-s1' })).to.equal(null);
  });

  it('refuses a _deleted that is not a boolean, which PouchDB would store as a deletion nothing checked', () => {
    expect(isValid({ ...storeStatus, _deleted: [] }, { db: 'store-s1' })).to.equal('_deleted must be true or false');
    expect(isValid({ ...storeStatus, _deleted: false }, { db: 'store-s1' })).to.equal(null);
  });

  it('accepts a tombstone with only _id, _rev and _deleted', () => {
    expect(isValid({ _id: sale._id, _rev: '2-ab', _deleted: true }, { db: 'store-s1' })).to.equal(null);
  });

  it('throws VALIDATION_FAILED naming the type and field', () => {
    try {
      validate({ ...sale, total: 1.5 }, { db: 'store-s1' });
      expect.fail('validate did not throw');
    } catch (err) {
      expect(isProntoError(err, 'VALIDATION_FAILED')).to.equal(true);
      expect((err as Error).message).to.equal('sale/total must be integer');
      expect((err as { details: unknown }).details).to.deep.equal({ type: 'sale', field: 'total' });
    }
  });

  it('throws with only the type when the message names no field', () => {
    try {
      validate(sale, { db: 'catalog' });
      expect.fail('validate did not throw');
    } catch (err) {
      expect((err as { details: unknown }).details).to.deep.equal({ type: 'sale' });
    }
  });
});
