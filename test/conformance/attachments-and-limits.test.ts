// Attachments and body limits. CouchDB shows validate_doc_update a document's `_attachments` as
// stubs (couch_query_servers: to_json_obj without the attachments option) however they arrive —
// an attachment PUT, inline base64, or replication — so a VDU can refuse attachments. A document
// whose JSON body exceeds `[couchdb] max_document_size` (default 8,000,000 bytes) is refused with
// 413 document_too_large (https://docs.couchdb.org/en/stable/config/couchdb.html), and in
// `_bulk_docs` it fails the whole request; the request itself may be far larger
// (`[chttpd] max_http_request_size`, 4 GB).
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
    // On every copy (w=n) before the writes it must refuse: a copy it had not reached would take them.
    const copies = await server.copies(db);
    expect((await server.asAdmin('PUT', `/${db}/_design/refuse?w=${copies}`, { body: { validate_doc_update: REFUSE_ATTACHMENTS } })).status).to.equal(201);
  });
  after(async function () { await server?.cleanup(); });

  let n = 0;
  const DOOR_REFUSAL = { error: 'forbidden', reason: 'Attachments are not accepted by this server.' };
  type Attempt = [how: string, status: number, body: Record<string, any>];
  /** Each way an attachment can arrive, with the refusal it got. */
  async function attempts(): Promise<Attempt[]> {
    const k = ++n;
    // On every copy: the attachment PUT names its `_rev`, and a copy the document had not reached
    // would answer 409 (a quorum write may even reach one copy alone, 202).
    const doc = await server.asAdmin('PUT', `/${db}/with-attachment-put-${k}?w=${await server.copies(db)}`, { body: { v: 1 } });
    const attachmentPut = await server.asAdmin('PUT', `/${db}/with-attachment-put-${k}/note.txt?rev=${doc.body.rev}`, {
      body: 'hello', headers: { 'Content-Type': 'text/plain' },
    });
    const inline = await server.asAdmin('PUT', `/${db}/inline-${k}`, { body: { _attachments: { 'note.txt': { content_type: 'text/plain', data: 'aGVsbG8=' } } } });
    const replicated = await server.asAdmin('POST', `/${db}/_bulk_docs`, {
      body: { new_edits: false, docs: [{ _id: `replicated-${k}`, _rev: `1-${'a'.repeat(32)}`, _attachments: { 'note.txt': { content_type: 'text/plain', data: 'aGVsbG8=' } } }] },
    });
    const perDoc = replicated.body[0] ?? {};
    return [
      ['an attachment PUT', attachmentPut.status, attachmentPut.body],
      ['an inline attachment', inline.status, inline.body],
      ['a replicated attachment', perDoc.error === undefined ? replicated.status : 403, { error: perDoc.error, reason: perDoc.reason }],
    ];
  }
  const doorRefuses = (how: string) => server.vendor === 'embedded' && how === 'an attachment PUT';
  const shown = (body: Record<string, any>) => JSON.parse(body.reason) as Record<string, any>;

  it('shows validate_doc_update the _attachments of an attachment PUT, an inline attachment and a replicated one, so it can refuse them (embedded server: its door refuses an attachment PUT before the VDU, 403 "Attachments are not accepted by this server.")', async function () {
    for (const [how, status, body] of await attempts()) {
      expect(status, how).to.equal(403);
      if (doorRefuses(how)) {
        expect(body, how).to.deep.equal(DOOR_REFUSAL);
        continue;
      }
      expect(body.error, how).to.equal('forbidden');
      expect(Object.keys(shown(body)), how).to.deep.equal(['note.txt']);
      expect(shown(body)['note.txt'], how).to.include({ content_type: 'text/plain' });
    }
    for (const id of [`with-attachment-put-${n}`, `inline-${n}`, `replicated-${n}`]) {
      const doc = await server.asAdmin('GET', `/${db}/${id}`);
      expect(doc.body._attachments, id).to.equal(undefined);
    }
  });

  it('shows them as stubs — stub: true, revpos, no data (embedded server: with the data itself — pouchdb-validation runs before PouchDB stores them)', async function () {
    for (const [how, , body] of await attempts()) {
      if (doorRefuses(how)) continue;
      const note = shown(body)['note.txt'];
      if (server.vendor === 'embedded') {
        expect(note, how).to.deep.equal({ content_type: 'text/plain', data: 'aGVsbG8=' });
      } else {
        expect(note, how).to.include({ stub: true, revpos: 0 });
        expect(note, how).to.not.have.property('data');
      }
    }
  });

  describe('max_document_size', function () {
    let limit: number;
    before(async function () {
      const path = server.vendor === 'couchdb' ? '/_node/_local/_config/couchdb/max_document_size' : '/_config/couchdb/max_document_size';
      const configured = await server.asAdmin('GET', path);
      limit = configured.status === 200 ? Number(configured.body) : DEFAULT_MAX_DOCUMENT_SIZE;
    });
    const padded = (bytes: number) => ({ pad: 'x'.repeat(bytes) });
    const stored = async (id: string) => (await server.asAdmin('GET', `/${db}/${id}`)).status === 200;

    it('stores a document well under the limit', async function () {
      const res = await server.asAdmin('PUT', `/${db}/one-megabyte`, { body: padded(1_000_000) });
      expect(res.status).to.equal(201);
    });

    it('refuses a document over it with 413 document_too_large, on PUT and for a whole _bulk_docs, replicated or not (embedded server: 413 too_large, "the request entity is too large" — express-pouchdb caps the request body with it)', async function () {
      const put = await server.asAdmin('PUT', `/${db}/too-large`, { body: padded(limit + 1000) });
      const bulk = await server.asAdmin('POST', `/${db}/_bulk_docs`, {
        body: { new_edits: false, docs: [{ _id: 'too-large-replicated', _rev: `1-${'b'.repeat(32)}`, ...padded(limit + 1000) }, { _id: 'small-beside-it', _rev: `1-${'c'.repeat(32)}` }] },
      });
      if (server.vendor === 'embedded') {
        const tooLarge = [413, { error: 'too_large', reason: 'the request entity is too large' }];
        expect([[put.status, put.body], [bulk.status, bulk.body]]).to.deep.equal([tooLarge, tooLarge]);
      } else {
        expect([put.status, put.body.error]).to.deep.equal([413, 'document_too_large']);
        expect([bulk.status, bulk.body]).to.deep.equal([413, { error: 'document_too_large', reason: 'too-large-replicated' }]);
      }
      expect([await stored('too-large'), await stored('too-large-replicated'), await stored('small-beside-it')]).to.deep.equal([false, false, false]);
    });

    it('takes a _bulk_docs over the limit whose documents are each under it (embedded server: refuses the whole request, 413 too_large — it caps the body, not each document; keep replication batches under 8 MB)', async function () {
      const count = Math.ceil(limit / 1_000_000) + 1;
      const docs = Array.from({ length: count }, (_, i) => ({ _id: `part-${i}`, ...padded(1_000_000) }));
      const res = await server.asAdmin('POST', `/${db}/_bulk_docs`, { body: { docs } });
      if (server.vendor === 'embedded') {
        expect([res.status, res.body.error]).to.deep.equal([413, 'too_large']);
        expect(await stored('part-0')).to.equal(false);
      } else {
        expect(res.status).to.equal(201);
        expect(res.body.filter((r: { ok?: boolean }) => r.ok === true)).to.have.length(count);
      }
    });
  });
});
