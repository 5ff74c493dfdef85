import { expect } from 'chai';
import { conflictRange, encodeCursor, parseConflictQuery } from '../../../../central/http/conflict-query.js';
import { ProntoError } from '../../../../validators/index.js';

describe('central/http/conflict-query', function () {
  const admin = { stores: null };
  const manager = { stores: ['s1'] };
  const refused = (query: Record<string, unknown>, scope: { stores: string[] | null } = admin) => {
    try {
      parseConflictQuery(query, scope);
    } catch (err) {
      return err as ProntoError;
    }
    throw new Error('not refused');
  };

  it('defaults to the pending queue of every store, 100 a page', function () {
    expect(parseConflictQuery({}, admin)).to.deep.equal({ status: 'pending', store: '*', facet: 'all', value: '', limit: 100 });
  });

  it("holds a manager to their own store", function () {
    expect(parseConflictQuery({}, manager).store).to.equal('s1');
    expect(refused({ store: 's2' }, manager).code).to.equal('FORBIDDEN');
    expect(refused({ db: 'catalog' }, manager).code).to.equal('FORBIDDEN');
  });

  const bad: Array<[Record<string, unknown>, string]> = [
    [{ status: 'open' }, 'status'], [{ limit: '0' }, 'limit'], [{ limit: '1.5' }, 'limit'], [{ limit: ['1', '2'] }, 'limit'],
    [{ db: 'Catalog' }, 'db'], [{ type: 'a b' }, 'type'], [{ q: '' }, 'q'], [{ db: 'catalog', q: 'x' }, 'db+q'], [{ cursor: '!!' }, 'cursor'],
  ];
  for (const [query, param] of bad) {
    it(`refuses ${JSON.stringify(query)} naming ${param}`, function () {
      const err = refused(query);
      expect(err.code).to.equal('BAD_REQUEST');
      expect(err.details).to.include({ param });
    });
  }

  it("accepts its own filter's cursor and refuses another filter's", function () {
    const cursor = encodeCursor(['pending', '*', 'db', 'catalog', 'stamp', 'conflict:catalog:x']);
    expect(parseConflictQuery({ db: 'catalog', cursor }, admin).cursor).to.have.length(6);
    expect(refused({ db: 'customers', cursor }).details).to.include({ param: 'cursor' });
  });

  it('turns an id prefix into the range of ids that start with it, newest first', function () {
    const range = conflictRange(parseConflictQuery({ q: 'product:A' }, admin));
    expect(range.startkey.slice(0, 4)).to.deep.equal(['pending', '*', 'doc', 'product:A\ufff0']);
    expect(range.endkey).to.deep.equal(['pending', '*', 'doc', 'product:A']);
  });
});
