// Route labels: patterns, never ids (cardinality and privacy).
import { expect } from 'chai';
import { dbRouteLabel, methodLabel, routeLabel } from '../../../../central/metrics/route-label.js';

describe('central/metrics/route-label', function () {
  it('names /db requests by CouchDB endpoint, every database and document id a parameter', function () {
    const cases: Array<[string, string]> = [
      ['/db', '/db'], ['/db/', '/db'], ['/db/_session', '/db/_session'], ['/db/_secret_thing', '/db/:other'],
      ['/db/store-s1', '/db/:db'], ['/db/store-s1/', '/db/:db'], ['/db/store-s1/_changes', '/db/:db/_changes'],
      ['/db/catalog/_bulk_get', '/db/:db/_bulk_get'], ['/db/store-s1/_local/abc123', '/db/:db/_local/:id'],
      ['/db/catalog/_design/pronto/_view/x', '/db/:db/_design/:id/*'], ['/db/store-s1/sale:s1:2026', '/db/:db/:doc'],
      ['/db/customers/customer:1/photo.png', '/db/:db/:doc/*'],
    ];
    for (const [path, label] of cases) expect(dbRouteLabel(path), path).to.equal(label);
  });

  it('prefers the Express route pattern, then /db, then the mount, then unmatched', function () {
    expect(routeLabel({ pattern: '/api/docs/:db/:id', baseUrl: '', path: '/api/docs/store-s1/x' })).to.equal('/api/docs/:db/:id');
    expect(routeLabel({ baseUrl: '/db', path: '/db/store-s1/_revs_diff' })).to.equal('/db/:db/_revs_diff');
    expect(routeLabel({ baseUrl: '/API/Conflicts', path: '/API/Conflicts/x' })).to.equal('/api/conflicts/*');
    expect(routeLabel({ baseUrl: '/api', path: '/api/nothing/here' })).to.equal('unmatched');
    expect(routeLabel({ baseUrl: '', path: '/s1/sale:1' })).to.equal('unmatched');
  });

  it('keeps known methods and folds made-up ones into OTHER', function () {
    expect(['GET', 'POST', 'COPY', 'FOO', 'get'].map(methodLabel)).to.deep.equal(['GET', 'POST', 'COPY', 'OTHER', 'OTHER']);
  });
});
