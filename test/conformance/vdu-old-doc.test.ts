// What validate_doc_update is given as oldDoc. CouchDB (couch_db.erl,
// prep_and_validate_replicated_updates): a replicated write (`new_edits:false`) is validated
// against the nearest ancestor of the incoming revision that is stored with a body — none for a
// branch with no stored ancestor, whatever its generation — and a revision already in the tree is
// skipped without a call. An interactive edit is validated against the revision its `_rev` names.
// newDoc always carries `_revisions` (couch_query_servers: to_json_obj(Doc, [revs])).
import { expect } from 'chai';
import { conformanceServer, type ConformanceServer } from './server.js';

// The probe refuses every document carrying `probe`, and its reason reports what it saw.
const PROBE_VDU = `function (newDoc, oldDoc) {
  if (newDoc.probe) throw({ forbidden: JSON.stringify({ old: oldDoc && oldDoc._rev, revs: newDoc._revisions || null }) });
}`;

const hash = (c: string) => c.repeat(32);
const [a, b, c, f, x] = ['a', 'b', 'c', 'f', 'e'].map(hash) as [string, string, string, string, string];

interface Seen { old: string | null; revs: { start: number; ids: string[] } | null }

describe('CouchDB conformance: validate_doc_update oldDoc', function () {
  let server: ConformanceServer;
  let db: string;
  let n = 0;
  let copies = 1;

  before(async function () {
    server = await conformanceServer();
    db = await server.createDb('vdu-old-doc');
    copies = await server.copies(db);
    const ddoc = await server.asAdmin('PUT', `/${db}/_design/probe`, { body: { validate_doc_update: PROBE_VDU } });
    expect(ddoc.status).to.equal(201);
  });
  after(async function () { await server?.cleanup(); });

  /**
   * A document whose only stored revision is 1-a, on every copy: on a cluster each copy validates
   * a write against what it holds itself, and a copy the default write (w=2 of 3) had not reached
   * yet gave the extension below oldDoc null. The store design doc's rule on `_revisions` (a till
   * writes a sale once, as generation 1) is what holds on such a copy.
   */
  async function storedAt1a(): Promise<string> {
    const id = `doc-${++n}`;
    const res = await replicate([{ _id: id, _rev: `1-${a}`, _revisions: { start: 1, ids: [a] }, v: 'stored' }], copies);
    expect(res.status).to.equal(201);
    return id;
  }
  const replicate = (docs: object[], w?: number) => server.asAdmin<Array<{ id: string; error?: string; reason?: string }>>('POST', `/${db}/_bulk_docs${w && w > 1 ? `?w=${w}` : ''}`, { body: { docs, new_edits: false } });
  const seen = (reason: string | undefined) => JSON.parse(reason ?? 'null') as Seen;

  describe('on a replicated write (_bulk_docs, new_edits:false) to a document stored at 1-a', function () {
    const cases: Array<{ behaviour: string; rev: string; revisions: { start: number; ids: string[] }; old: string | null }> = [
      { behaviour: 'gives a fresh root of generation 3 (no stored ancestor) oldDoc null', rev: `3-${c}`, revisions: { start: 3, ids: [c, b, x] }, old: null },
      { behaviour: 'gives a generation-1 sibling oldDoc null', rev: `1-${f}`, revisions: { start: 1, ids: [f] }, old: null },
      { behaviour: 'gives an extension of the stored leaf (2-b, parent 1-a) oldDoc 1-a', rev: `2-${b}`, revisions: { start: 2, ids: [b, a] }, old: `1-${a}` },
    ];
    for (const { behaviour, rev, revisions, old } of cases) {
      it(`${behaviour}, and newDoc its _revisions`, async function () {
        const id = await storedAt1a();
        const res = await replicate([{ _id: id, _rev: rev, _revisions: revisions, probe: true }]);
        expect(res.status).to.equal(201);
        const refusal = res.body.find((r) => r.id === id);
        expect(refusal).to.include({ error: 'forbidden' });
        expect(seen(refusal?.reason)).to.deep.equal({ old, revs: revisions });
      });
    }

    it('stores a generation-1 sibling whose hash sorts higher, and it becomes the winner', async function () {
      const id = await storedAt1a();
      const res = await replicate([{ _id: id, _rev: `1-${f}`, _revisions: { start: 1, ids: [f] }, v: 'sibling' }]);
      expect(res.body.filter((r) => r.error !== undefined)).to.deep.equal([]);
      const doc = await server.asAdmin('GET', `/${db}/${id}?conflicts=true`);
      expect(doc.body).to.deep.include({ _rev: `1-${f}`, v: 'sibling', _conflicts: [`1-${a}`] });
    });

    it('stores a fresh root of generation 3, and it becomes the winner', async function () {
      const id = await storedAt1a();
      const res = await replicate([{ _id: id, _rev: `3-${c}`, _revisions: { start: 3, ids: [c, b, x] }, v: 'root' }]);
      expect(res.body.filter((r) => r.error !== undefined)).to.deep.equal([]);
      const doc = await server.asAdmin('GET', `/${db}/${id}?conflicts=true`);
      expect(doc.body).to.deep.include({ _rev: `3-${c}`, v: 'root', _conflicts: [`1-${a}`] });
    });

    it('does not call validate_doc_update for a revision it already stores (a no-op)', async function () {
      const id = await storedAt1a();
      const res = await replicate([{ _id: id, _rev: `1-${a}`, _revisions: { start: 1, ids: [a] }, probe: true, v: 'resent' }]);
      expect(res.status).to.equal(201);
      expect(res.body.filter((r) => r.error !== undefined)).to.deep.equal([]);
      const doc = await server.asAdmin('GET', `/${db}/${id}`);
      expect(doc.body).to.deep.equal({ _id: id, _rev: `1-${a}`, v: 'stored' });
    });
  });

  describe('on an interactive edit (PUT with _rev)', function () {
    it('gives oldDoc the revision named by _rev, even when it is a losing leaf', async function () {
      const id = await storedAt1a();
      await replicate([{ _id: id, _rev: `1-${f}`, _revisions: { start: 1, ids: [f] }, v: 'winner' }]);
      for (const named of [`1-${a}`, `1-${f}`]) {
        const res = await server.asAdmin('PUT', `/${db}/${id}`, { body: { _rev: named, probe: true } });
        expect(res.status, named).to.equal(403);
        expect(seen(res.body.reason).old, named).to.equal(named);
      }
    });

    it('gives newDoc the _revisions of the revision it edits', async function () {
      const id = await storedAt1a();
      const res = await server.asAdmin('PUT', `/${db}/${id}`, { body: { _rev: `1-${a}`, probe: true } });
      expect(seen(res.body.reason)).to.deep.equal({ old: `1-${a}`, revs: { start: 1, ids: [a] } });
    });

    it('gives a new document oldDoc null and no _revisions', async function () {
      const res = await server.asAdmin('PUT', `/${db}/new-${++n}`, { body: { probe: true } });
      expect(res.status).to.equal(403);
      expect(seen(res.body.reason)).to.deep.equal({ old: null, revs: null });
    });
  });

  // The embedded server validates a write without _rev before reading the stored leaves
  // (patches/pouchdb-validation validateNew): these are the answers it must keep.
  describe('on an interactive write without _rev', function () {
    it('answers a conflict, not the refusal, when the id holds a live document (nothing validated)', async function () {
      const id = await storedAt1a();
      const put = await server.asAdmin('PUT', `/${db}/${id}`, { body: { probe: true } });
      expect(put.status).to.equal(409);
      expect(put.body.error).to.equal('conflict');
      const bulk = await server.asAdmin<Array<Record<string, unknown>>>('POST', `/${db}/_bulk_docs`, { body: { docs: [{ _id: id, probe: true }, { _id: id, v: 'accepted' }] } });
      expect(bulk.body.map((r) => r.error)).to.deep.equal(['conflict', 'conflict']);
      expect((await server.asAdmin<{ _rev: string; v: string }>('GET', `/${db}/${id}`)).body).to.include({ _rev: `1-${a}`, v: 'stored' });
    });

    it('gives oldDoc null when the id holds only a deleted document, and stores what it accepts', async function () {
      const id = await storedAt1a();
      expect((await server.asAdmin('DELETE', `/${db}/${id}?rev=1-${a}${copies > 1 ? `&w=${copies}` : ''}`)).status).to.be.oneOf([200, 201]);
      const refused = await server.asAdmin('PUT', `/${db}/${id}`, { body: { probe: true } });
      expect(refused.status).to.equal(403);
      expect(seen(refused.body.reason).old).to.equal(null);
      const accepted = await server.asAdmin<{ rev: string }>('PUT', `/${db}/${id}`, { body: { v: 'again' } });
      expect(accepted.status).to.equal(201);
      expect(accepted.body.rev).to.match(/^3-/);
    });
  });

  describe('refusals', function () {
    it('runs validate_doc_update for server admins too, and a forbidden is a 403 on PUT', async function () {
      const res = await server.asAdmin('PUT', `/${db}/admin-${++n}`, { body: { probe: true } });
      expect(res.status).to.equal(403);
      expect(res.body).to.have.keys('error', 'reason');
      expect(res.body.error).to.equal('forbidden');
    });

    it('answers a forbidden in _bulk_docs per document, next to the documents it stored', async function () {
      const refused = `bulk-refused-${++n}`;
      const stored = `bulk-stored-${n}`;
      const res = await server.asAdmin<Array<Record<string, unknown>>>('POST', `/${db}/_bulk_docs`, { body: { docs: [{ _id: refused, probe: true }, { _id: stored }] } });
      expect(res.status).to.equal(201);
      expect(res.body[0]).to.include({ id: refused, error: 'forbidden' });
      expect(res.body[0]).to.have.property('reason').that.is.a('string');
      expect(res.body[1]).to.include({ id: stored, ok: true });
      expect((await server.asAdmin('GET', `/${db}/${refused}`)).status).to.equal(404);
    });
  });
});
