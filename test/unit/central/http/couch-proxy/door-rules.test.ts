import { expect } from 'chai';
import { doorRoute } from '../../../../../central/http/couch-proxy/door-rules.js';

// The /db allowlist as a table: [method, url, expected endpoint or refusal status, canonical path].
const allowed: Array<[string, string, string, string?]> = [
  ['GET', '/', 'root'],
  ['POST', '/_session', '_session'],
  ['GET', '/_session', '_session'],
  ['DELETE', '/_session', '_session'],
  ['GET', '/store-s1', 'db'],
  ['GET', '/store-s1/', 'db', '/store-s1'],
  ['GET', '/catalog/_changes?feed=longpoll&since=0', '_changes', '/catalog/_changes?feed=longpoll&since=0'],
  ['POST', '/store-s1/_revs_diff', '_revs_diff'],
  ['POST', '/store-s1/_bulk_docs', '_bulk_docs'],
  ['POST', '/catalog/_bulk_get?revs=true', '_bulk_get'],
  ['GET', '/customers/_all_docs?limit=1', '_all_docs'],
  ['PUT', '/store-s1/_local/abc', '_local'],
  ['PUT', '/customers/_local/abc', '_local'],
  ['GET', '/catalog/_local/abc', '_local'],
  ['GET', '/store-s1/sale%3As1%3A2026', 'doc', '/store-s1/sale%3As1%3A2026'],
  ['GET', '/store-s1/sale:s1:2026', 'doc', '/store-s1/sale%3As1%3A2026'],
  ['PUT', '/store-s1/store-status:s1:s1.pos1', 'doc'],
  ['GET', '/store-s1/_design/pronto/_view/stock?group=true', '_view'],
];
const refused: Array<[string, string, number]> = [
  ['GET', '/_all_dbs', 404],
  ['GET', '/_users', 404],
  ['PUT', '/_users/org.couchdb.user:mallory', 404],
  ['GET', '/_utils/', 404],
  ['POST', '/_replicate', 404],
  ['GET', '/_config', 404],
  ['PUT', '/_node/node1@127.0.0.1/store-x', 404],
  ['DELETE', '/_node/_local/catalog', 404],
  ['GET', '/audit/_all_docs', 404],
  ['GET', '/pronto-checkpoints/x', 404],
  ['PUT', '/store-new', 404],
  ['DELETE', '/catalog', 404],
  ['POST', '/catalog', 405],
  ['PUT', '/catalog/_local/pronto-resolver', 405],
  ['PUT', '/catalog/_security', 404],
  ['GET', '/store-s1/_security', 404],
  ['PUT', '/store-s1/_design/pronto', 404],
  ['GET', '/store-s1/_design/pronto', 404],
  ['PUT', '/store-s1/store-status:s1:x/big.bin', 403],
  ['GET', '/store-s1/_changes/x', 404],
  ['GET', '/store-s1/x/../../_config', 400],
  ['GET', '/store-s1/%2e%2e', 400],
  ['GET', '/store-s1//x', 400],
  ['GET', '/store-s1/a%2Fb', 400],
  ['GET', '/store-s1/%zz', 400],
  ['GET', '/store-s1/a%00b', 400],
  ['GET', '/store-S1', 404],
  ['PUT', '/store-s1/_purge', 404],
  ['POST', '/store-s1/_compact', 404],
];

describe('central/http/couch-proxy doorRoute', () => {
  for (const [method, url, endpoint, canonical] of allowed) {
    it(`lets ${method} ${url} through as ${endpoint}`, () => {
      const r = doorRoute(method, url);
      expect(r).to.deep.include({ ok: true, endpoint });
      if (canonical) expect(r).to.deep.include({ canonical });
    });
  }
  for (const [method, url, status] of refused) {
    it(`refuses ${method} ${url} with ${status}`, () => expect(doorRoute(method, url)).to.deep.include({ ok: false, status }));
  }
});
