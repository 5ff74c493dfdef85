// Attachments and body limits. CouchDB shows validate_doc_update a document's `_attachments` as
// stubs (couch_query_servers: to_json_obj without the attachments option) however they arrive —
// an attachment PUT, inline base64, or replication — so a VDU can refuse attachments. A document
// whose JSON body exceeds `[couchdb] max_document_size` (default 8,000,000 bytes) is refused with
// 413 document_too_large (https://docs.couchdb.org/en/stable/config/couchdb.html), and in
// `_bulk_docs` it fails the whole request.
import { expect } from 'chai';
import { conformanceServer, type ConformanceServer } from './server.js';

const REFUSE_ATTACHMENTS = `function (newDoc) {
  if (newDoc._attachments) throw({ forbidden: JSON.stringify(newDoc._attachments) });
}`;
const DEFAULT_MAX_DOCUMENT_SIZE = 8_000_000;

describe('CouchDB conformance: attachments and body limits', function () {
  let server: ConformanceServer;
  let db: string;

  before(async function () {
    server = await conformanceServer();
    db = await server.createDb('attachments');
    expect((await server.asAdmin('PUT', `/${db}/_design/refuse`, { body: { validate_doc_update: REFUSE_ATTACHMENTS } })).status).to.equal(201);
  });
  after(async function () { await server?.cleanup(); });

  /** What the VDU was shown, for each way an attachment can arrive. */
  let n = 0;
  async function attempts(): Promise<Array<[string, number, Record<string, any>]>> {
    const k = ++n;
    const doc = await server.asAdmin('PUT', `/${db}/with-attachment-put-${k}`, { body: { v: 1 } });
    const attachmentPut = await server.asAdmin('PUT', `/${db}/with-attachment-put-${k}/note.txt?rev=${doc.body.rev}`, {
      body: 'hello', headers: { 'Content-Type': 'text/plain' },
    });
    const inline = await server.asAdmin('PUT', `/${db}/inline-${k}`, { body: { _attachments: { 'note.txt': { content_type: 'text/plain', data: 'aGVsbG8=' } } } });
    const replicated = await server.asAdmin('POST', `/${db}/_bulk_docs`, {
      body: { new_edits: false, docs: [{ _id: `replicated-${k}`, _rev: `1-${'a'.repeat(32)}`, _attachments: { 'note.txt': { content_type: 'text/plain', data: 'aGVsbG8=' } } }] },
    });
    const seen = (reason: string) => JSON.parse(reason) as Record<string, any>;
    return [
      ['an attachment PUT', attachmentPut.status, seen(attachmentPut.body.reason)],
      ['an inline attachment', inline.status, seen(inline.body.reason)],
      ['a replicated attachment', replicated.body[0]?.error === 'forbidden' ? 403 : replicated.status, seen(replicated.body[0]?.reason ?? 'null')],
    ];
  }

  it('shows validate_doc_update the _attachments of an attachment PUT, an inline attachment and a replicated one, so it can refuse them', async function () {
    for (const [how, status, shown] of await attempts()) {
      expect(status, how).to.equal(403);
      expect(Object.keys(shown), how).to.deep.equal(['note.txt']);
      expect(shown['note.txt'], how).to.include({ content_type: 'text/plain' });
    }
    for (const path of [`with-attachment-put-${n}/note.txt`, `inline-${n}`, `replicated-${n}`]) {
      expect((await server.asAdmin('GET', `/${db}/${path}`)).status, path).to.equal(404);
    }
  });

  it('shows them as stubs — stub: true, revpos, no data (embedded server: with the data itself, base64 or a serialized Buffer — pouchdb-validation runs before PouchDB stores them)', async function () {
    for (const [how, , shown] of await attempts()) {
      const note = shown['note.txt'];
      if (server.vendor === 'embedded') {
        expect(note, how).to.have.property('data');
        expect(note, how).to.not.have.property('stub');
      } else {
        expect(note, how).to.include({ stub: true, revpos: 0 });
        expect(note, how).to.not.have.property('data');
      }
    }
  });

  describe('max_document_size', function () {
    let limit: number;
    before(async function () {
      const configured = server.vendor === 'couchdb' ? await server.asAdmin('GET', '/_node/_local/_config/couchdb/max_document_size') : undefined;
      limit = configured?.status === 200 ? Number(configured.body) : DEFAULT_MAX_DOCUMENT_SIZE;
    });
    const padded = (bytes: number) => ({ pad: 'x'.repeat(bytes) });

    it('stores a document well under the limit', async function () {
      const res = await server.asAdmin('PUT', `/${db}/one-megabyte`, { body: padded(1_000_000) });
      expect(res.status).to.equal(201);
    });

    it('refuses a document over it with 413 document_too_large, on PUT and for a whole _bulk_docs, replicated or not (embedded server: stores it — express-pouchdb has no max_document_size; central caps bodies at /db)', async function () {
      const put = await server.asAdmin('PUT', `/${db}/too-large`, { body: padded(limit + 1000) });
      const bulk = await server.asAdmin('POST', `/${db}/_bulk_docs`, {
        body: { new_edits: false, docs: [{ _id: 'too-large-replicated', _rev: `1-${'b'.repeat(32)}`, ...padded(limit + 1000) }, { _id: 'small-beside-it', _rev: `1-${'c'.repeat(32)}` }] },
      });
      const stored = async (id: string) => (await server.asAdmin('GET', `/${db}/${id}`)).status === 200;
      if (server.vendor === 'embedded') {
        expect([put.status, bulk.status]).to.deep.equal([201, 201]);
        expect([await stored('too-large'), await stored('too-large-replicated'), await stored('small-beside-it')]).to.deep.equal([true, true, true]);
      } else {
        expect([put.status, put.body.error]).to.deep.equal([413, 'document_too_large']);
        expect([bulk.status, bulk.body]).to.deep.equal([413, { error: 'document_too_large', reason: 'too-large-replicated' }]);
        expect([await stored('too-large'), await stored('too-large-replicated'), await stored('small-beside-it')]).to.deep.equal([false, false, false]);
      }
    });
  });
});
