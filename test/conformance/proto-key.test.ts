// A `"__proto__"` key in a document. JSON gives it as data (JSON.parse makes an own property),
// and Apache CouchDB stores it as data: its validate_doc_update sees it (the document reaches
// the JavaScript engine as JSON) and our validators refuse it where a schema allows no other
// keys. PouchDB copies documents by assignment, where `"__proto__"` sets the copy's prototype:
// the key would vanish before the embedded server's validate_doc_update sees it, and a document
// other than the one sent would be stored. So the embedded server refuses every request body
// carrying one (patches/express-pouchdb: 400 bad_request naming where), the whole request.
import { expect } from 'chai';
import { conformanceServer, type ConformanceServer } from './server.js';

// The probe refuses a document whose `line` has an own "__proto__" key, and says what it saw.
const PROBE_VDU = `function (newDoc) {
  if (newDoc.line && Object.prototype.hasOwnProperty.call(newDoc.line, '__proto__')) {
    throw({ forbidden: 'own __proto__: ' + JSON.stringify(newDoc.line['__proto__']) });
  }
}`;

// Written as text: an object literal's "__proto__" would set its prototype, not a key. JSON may
// also spell the key with escapes ("\u005f_proto__"): the same key once parsed.
const withProto = (id: string, key = '__proto__') => `{"_id":"${id}","line":{"sku":"PR-1","${key}":{"isAdmin":true}}}`;

describe('CouchDB conformance: a "__proto__" key in a document', function () {
  let server: ConformanceServer;
  let db: string;

  before(async function () {
    server = await conformanceServer();
    db = await server.createDb('proto-key');
    expect((await server.asAdmin('PUT', `/${db}/_design/probe?w=${await server.copies(db)}`, { body: { validate_doc_update: PROBE_VDU } })).status).to.equal(201);
  });
  after(async function () { await server?.cleanup(); });

  const stored = async (id: string) => (await server.asAdmin('GET', `/${db}/${id}`)).status;

  it('is data to validate_doc_update on CouchDB; the embedded server refuses the request, naming the key', async function () {
    const escaped = '\\u005f\\u005fproto\\u005f_';
    for (const [how, id, path, key] of [['PUT', 'put-1', '/put-1', '__proto__'], ['POST', 'post-1', '', '__proto__'], ['POST, escaped', 'post-2', '', escaped]] as const) {
      const res = await server.asAdmin(how.split(',')[0]!, `/${db}${path}`, { body: withProto(id, key), headers: { 'Content-Type': 'application/json' } });
      if (server.vendor === 'couchdb') {
        expect(res.status, how).to.equal(403);
        expect(res.body, how).to.deep.equal({ error: 'forbidden', reason: 'own __proto__: {"isAdmin":true}' });
      } else {
        expect(res.status, how).to.equal(400);
        expect(res.body, how).to.deep.equal({ error: 'bad_request', reason: 'a "__proto__" key is not accepted (at /line/__proto__)' });
      }
      expect(await stored(id), how).to.equal(404);
    }
  });

  it('in _bulk_docs: CouchDB refuses that document alone; the embedded server refuses the whole request', async function () {
    const body = `{"docs":[{"_id":"plain-1","line":{"sku":"PR-1"}},${withProto('bulk-1')}]}`;
    const res = await server.asAdmin<Array<{ id: string; ok?: boolean; error?: string; reason?: string }>>('POST', `/${db}/_bulk_docs`, { body, headers: { 'Content-Type': 'application/json' } });
    if (server.vendor === 'couchdb') {
      expect(res.status).to.equal(201);
      expect(res.body[1]).to.deep.include({ id: 'bulk-1', error: 'forbidden', reason: 'own __proto__: {"isAdmin":true}' });
      expect(await stored('plain-1')).to.equal(200);
    } else {
      expect(res.status).to.equal(400);
      expect(res.body).to.deep.equal({ error: 'bad_request', reason: 'a "__proto__" key is not accepted (at /docs/1/line/__proto__)' });
      expect(await stored('plain-1')).to.equal(404);
    }
    expect(await stored('bulk-1')).to.equal(404);
  });
});
