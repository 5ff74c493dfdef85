import { expect } from 'chai';
import { classifyCouchRequest, refuseNonAdmin, type CouchRoute } from '../../../../central/couch/couch-route.js';
import { dbUpdateOf } from '../../../../central/couch/couch-door.js';

type Row = [method: string, url: string, access: string, endpoint: string, extra?: { db?: string; docId?: string; write?: boolean }];

const allowed: Row[] = [
  ['GET', '/', 'public', 'root'],
  ['HEAD', '/', 'public', 'root'],
  ['GET', '/_up', 'public', '_up'],
  ['GET', '/_session', 'public', '_session'],
  ['POST', '/_session', 'public', '_session', { write: false }],
  ['DELETE', '/_session', 'public', '_session'],
  ['GET', '/_all_dbs', 'admin', '_all_dbs'],
  ['GET', '/_active_tasks', 'admin', '_active_tasks'],
  ['GET', '/_uuids?count=3', 'admin', '_uuids'],
  ['GET', '/_db_updates?feed=longpoll&since=now', 'admin', '_db_updates'],
  ['GET', '/_config', 'admin', '_config'],
  ['GET', '/_config/couch_httpd_auth/iterations', 'admin', '_config'],
  ['PUT', '/_config/admins/admin', 'admin', '_config', { write: true }],
  ['GET', '/_utils', 'admin', '_utils'],
  ['GET', '/_utils/', 'admin', '_utils'],
  ['GET', '/_utils/dashboard.assets/css/index.css', 'admin', '_utils'],
  ['GET', '/catalog', 'member', 'db', { db: 'catalog' }],
  ['GET', '/store-s1/', 'member', 'db', { db: 'store-s1' }],
  ['PUT', '/store-s1', 'admin', 'db', { db: 'store-s1', write: true }],
  ['DELETE', '/pronto-tokens', 'admin', 'db', { db: 'pronto-tokens', write: true }],
  ['POST', '/audit', 'member', 'doc', { db: 'audit', write: true }],
  ['GET', '/customers/_all_docs?include_docs=true', 'member', '_all_docs', { write: false }],
  ['POST', '/customers/_all_docs', 'member', '_all_docs', { write: false }],
  ['GET', '/store-s1/_changes?feed=longpoll&since=0', 'member', '_changes'],
  ['POST', '/store-s1/_changes?filter=_doc_ids', 'member', '_changes', { write: false }],
  ['POST', '/store-s1/_revs_diff', 'member', '_revs_diff', { write: false }],
  ['POST', '/store-s1/_bulk_docs', 'member', '_bulk_docs', { write: true }],
  ['POST', '/store-s1/_bulk_get?revs=true', 'member', '_bulk_get', { write: false }],
  ['GET', '/store-s1/_security', 'admin', '_security'],
  ['PUT', '/store-s1/_security', 'admin', '_security', { write: true }],
  ['POST', '/store-s1/_compact', 'admin', '_compact', { write: true }],
  ['POST', '/store-s1/_view_cleanup', 'admin', '_view_cleanup'],
  ['GET', '/store-s1/sale%3As1%3A1', 'member', 'doc', { docId: 'sale:s1:1', write: false }],
  ['HEAD', '/catalog/product:PS-1', 'member', 'doc', { docId: 'product:PS-1' }],
  ['PUT', '/catalog/product:PS-1', 'member', 'doc', { write: true }],
  ['DELETE', '/catalog/product:PS-1?rev=1-a', 'member', 'doc', { write: true }],
  ['GET', '/store-s1/_local/pronto-resolver', 'member', '_local', { docId: '_local/pronto-resolver', write: false }],
  ['PUT', '/store-s1/_local/abc%2Bdef', 'member', '_local', { docId: '_local/abc+def', write: true }],
  ['GET', '/catalog/_design/pronto', 'member', '_design', { docId: '_design/pronto' }],
  ['PUT', '/catalog/_design/pronto', 'admin', '_design', { write: true }],
  ['GET', '/audit/_design/pronto/_view/conflict-records?descending=true', 'member', '_view', { docId: '_design/pronto' }],
  ['POST', '/customers/_design/pronto/_view/by-business-key', 'member', '_view', { write: false }],
  ['GET', '/_users', 'admin', 'db', { db: '_users' }],
  ['GET', '/_users/org.couchdb.user:ana', 'admin', 'doc', { db: '_users', docId: 'org.couchdb.user:ana' }],
  ['PUT', '/_users/org.couchdb.user:ana', 'admin', 'doc', { write: true }],
  ['GET', '/_users/_all_docs', 'admin', '_all_docs'],
  ['POST', '/_users/_bulk_docs', 'admin', '_bulk_docs'],
];

const refused: Array<[method: string, url: string, status: number, error: string]> = [
  ['GET', 'http://evil/_all_dbs', 400, 'bad_request'],
  ['GET', '*', 400, 'bad_request'],
  ['GET', '/_users/x/../../_config', 400, 'bad_request'],
  ['GET', '/catalog/%2e%2e/_all_dbs', 400, 'bad_request'],
  ['GET', '/catalog/./x', 400, 'bad_request'],
  ['GET', '/catalog//x', 400, 'bad_request'],
  ['GET', '//_all_dbs', 400, 'bad_request'],
  ['GET', '/catalog/a%2Fb', 400, 'bad_request'],
  ['GET', '/catalog/a%5cb', 400, 'bad_request'],
  ['GET', '/catalog/a#b', 400, 'bad_request'],
  ['GET', '/catalog/%zz', 400, 'bad_request'],
  ['GET', '/catalog/a%00', 400, 'bad_request'],
  ['GET', '/catalog/doc/', 400, 'bad_request'],
  ['PUT', '/_node/node1@127.0.0.1/store-x', 404, 'not_found'],
  ['DELETE', '/_node/node1@127.0.0.1/catalog', 404, 'not_found'],
  ['GET', '/_node/_local/_config', 404, 'not_found'],
  ['POST', '/_replicate', 404, 'not_found'],
  ['GET', '/_replicator', 404, 'not_found'],
  ['GET', '/_stats', 404, 'not_found'],
  ['POST', '/_restart', 404, 'not_found'],
  ['GET', '/_log', 404, 'not_found'],
  ['GET', '/_membership', 404, 'not_found'],
  ['GET', '/_session/x', 404, 'not_found'],
  ['GET', '/_config/a/b/c', 404, 'not_found'],
  ['PUT', '/_config/log/file', 405, 'method_not_allowed'],
  ['PUT', '/not-ours', 404, 'not_found'],
  ['GET', '/Catalog', 404, 'not_found'],
  ['GET', '/store-', 404, 'not_found'],
  ['GET', '/store-S1', 404, 'not_found'],
  ['GET', '/store-s1/_find', 404, 'not_found'],
  ['POST', '/store-s1/_find', 404, 'not_found'],
  ['POST', '/store-s1/_index', 404, 'not_found'],
  ['POST', '/store-s1/_purge', 404, 'not_found'],
  ['POST', '/store-s1/_temp_view', 404, 'not_found'],
  ['POST', '/store-s1/_ensure_full_commit', 404, 'not_found'],
  ['GET', '/store-s1/_design_docs', 404, 'not_found'],
  ['GET', '/store-s1/_all_docs/queries', 404, 'not_found'],
  ['GET', '/store-s1/_local', 404, 'not_found'],
  ['GET', '/store-s1/_local/a/b', 404, 'not_found'],
  ['GET', '/store-s1/_design/pronto/_show/x/y', 404, 'not_found'],
  ['PUT', '/store-s1/_design/pronto/_update/u/x', 404, 'not_found'],
  ['GET', '/store-s1/_design/pronto/_rewrite/x', 404, 'not_found'],
  ['GET', '/store-s1/_design/pronto/_info', 404, 'not_found'],
  ['GET', '/store-s1/_design/pronto/attachment.txt', 404, 'not_found'],
  ['PUT', '/store-s1/store-status:s1:pos1/big.bin', 403, 'forbidden'],
  ['GET', '/store-s1/store-status:s1:pos1/big.bin', 403, 'forbidden'],
  ['GET', '/_users/x/y', 403, 'forbidden'],
  ['POST', '/store-s1/sale:s1:1', 405, 'method_not_allowed'],
  ['COPY', '/store-s1/sale:s1:1', 405, 'method_not_allowed'],
  ['GET', '/store-s1/_bulk_docs', 405, 'method_not_allowed'],
  ['OPTIONS', '/', 405, 'method_not_allowed'],
  ['PUT', '/_all_dbs', 405, 'method_not_allowed'],
  ['POST', '/_db_updates', 405, 'method_not_allowed'],
  ['POST', '/_utils/', 405, 'method_not_allowed'],
];

describe('classifyCouchRequest (couch-route)', function () {
  for (const [method, url, access, endpoint, extra] of allowed) {
    it(`lets ${method} ${url} through as ${access} ${endpoint}`, function () {
      const route = classifyCouchRequest(method, url);
      expect(route).to.include({ ok: true, access, endpoint });
      if (extra) expect(route).to.include(extra);
    });
  }

  for (const [method, url, status, error] of refused) {
    it(`refuses ${method} ${url} with ${status} ${error}`, function () {
      const route = classifyCouchRequest(method, url);
      expect(route).to.include({ ok: false, status, error });
      expect((route as { reason: string }).reason).to.be.a('string').and.not.equal('');
    });
  }

  it('names the allowed methods of a 405', function () {
    expect(classifyCouchRequest('GET', '/store-s1/_revs_diff')).to.deep.include({ status: 405, allow: ['POST'], reason: 'Only POST allowed' });
  });

  it('gives the decoded path segments', function () {
    expect(classifyCouchRequest('GET', '/store-s1/sale%3As1%3A1?rev=1-a')).to.deep.include({ segments: ['store-s1', 'sale:s1:1'] });
  });
});

describe('refuseNonAdmin (couch-route)', function () {
  const route = (method: string, url: string) => classifyCouchRequest(method, url) as CouchRoute;

  it('answers "not a server admin" with 401 on server endpoints, whoever asks', function () {
    expect(refuseNonAdmin(route('GET', '/_all_dbs'), null)).to.include({ status: 401, error: 'unauthorized', reason: 'You are not a server admin.' });
    expect(refuseNonAdmin(route('GET', '/_all_dbs'), 'cashier-s1')).to.include({ status: 401, reason: 'You are not a server admin.' });
  });

  it('answers database creation and deletion like a server endpoint', function () {
    expect(refuseNonAdmin(route('PUT', '/store-s9'), 'manager-s1')).to.include({ status: 401, reason: 'You are not a server admin.' });
  });

  it('answers 401 to anonymous callers and 403 to named ones in _users', function () {
    expect(refuseNonAdmin(route('GET', '/_users'), null)).to.include({ status: 401, error: 'unauthorized' });
    expect(refuseNonAdmin(route('PUT', '/_users/org.couchdb.user:eve'), 'eve')).to.include({ status: 403, error: 'forbidden' });
  });

  it('says "not a db or server admin" for _security and design documents', function () {
    expect(refuseNonAdmin(route('PUT', '/catalog/_security'), 'chain-admin')).to.include({ status: 403, reason: 'You are not a db or server admin.' });
    expect(refuseNonAdmin(route('PUT', '/catalog/_design/pronto'), null)).to.include({ status: 401, reason: 'You are not a db or server admin.' });
  });
});

describe('dbUpdateOf (couch-door): what a request tells _db_updates', function () {
  const update = (method: string, url: string) => dbUpdateOf(method, classifyCouchRequest(method, url) as CouchRoute);
  const cases: Array<[string, string, string | null]> = [
    ['PUT', '/store-s1', 'created'],
    ['DELETE', '/store-s1', 'deleted'],
    ['POST', '/store-s1', 'updated'],
    ['PUT', '/store-s1/sale:s1:1', 'updated'],
    ['DELETE', '/catalog/product:x', 'updated'],
    ['POST', '/store-s1/_bulk_docs', 'updated'],
    ['PUT', '/store-s1/_design/pronto', 'updated'],
    ['PUT', '/store-s1/_local/checkpoint', null],
    ['PUT', '/store-s1/_security', null],
    ['POST', '/store-s1/_compact', null],
    ['POST', '/store-s1/_all_docs', null],
    ['POST', '/store-s1/_bulk_get', null],
    ['POST', '/store-s1/_revs_diff', null],
    ['GET', '/store-s1/_changes', null],
    ['PUT', '/_config/admins/admin', null],
  ];
  for (const [method, url, expected] of cases) {
    it(`${method} ${url}: ${expected ?? 'nothing'}`, function () {
      expect(update(method, url)).to.equal(expected);
    });
  }
});
