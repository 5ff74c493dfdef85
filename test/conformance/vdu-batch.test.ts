// Several revisions of one document in one _bulk_docs: which oldDoc validate_doc_update is given
// for each, and what is stored. Apache CouchDB 3.x (src/couch/src/couch_db.erl):
// - replicated (new_edits:false), prep_and_validate_replicated_updates: the documents of a
//   request are grouped by id (group_alike_docs). For an absent id every one of them is validated
//   with oldDoc null and written. For a stored id their paths are merged into the stored tree
//   first; a revision that is not a new leaf of that merged tree (one another document of the
//   request extends, or one already stored) is neither validated nor written, and each new leaf
//   sees the nearest ancestor stored *before the request* (make_first_doc_on_disk skips the
//   request's own documents), never another document of the same request.
// - interactive, prep_and_validate_updates: every document of an id is validated against the
//   leaves stored before the request; couch_db_updater:merge_rev_trees then takes them in order,
//   and a second edit of the same parent (or a second new document) is a conflict.
import { expect } from 'chai';
import { conformanceServer, type ConformanceServer } from './server.js';

// The probe refuses every document carrying `probe`, and its reason reports what it saw.
const PROBE_VDU = `function (newDoc, oldDoc) {
  if (newDoc.probe) throw({ forbidden: JSON.stringify({ rev: newDoc._rev, old: oldDoc ? oldDoc._rev : null }) });
}`;

const hash = (c: string) => c.repeat(32);
const [a, b, c] = ['a', 'b', 'c'].map(hash) as [string, string, string];

interface Seen { rev: string; old: string | null }
interface Answer { id?: string; ok?: boolean; rev?: string; error?: string; reason?: string }

describe('CouchDB conformance: validate_doc_update on several revisions of one document in one _bulk_docs', function () {
  let server: ConformanceServer;
  let db: string;
  let n = 0;
  // Writes wait for every copy (w=n): on a cluster a copy a quorum write had not reached yet
  // would take a resent revision as new (and validate it), or keep a body the others never had.
  let w = '';

  before(async function () {
    server = await conformanceServer();
    db = await server.createDb('vdu-batch');
    w = `?w=${await server.copies(db)}`;
    const ddoc = await server.asAdmin('PUT', `/${db}/_design/probe${w}`, { body: { validate_doc_update: PROBE_VDU } });
    expect(ddoc.status).to.equal(201);
  });
  after(async function () { await server?.cleanup(); });

  const bulk = (body: object) => server.asAdmin<Answer[]>('POST', `/${db}/_bulk_docs${w}`, { body });
  const replicate = (docs: object[]) => bulk({ docs, new_edits: false });
  const get = (id: string, query = '') => server.asAdmin('GET', `/${db}/${id}${query}`);
  /** What the probe saw, one entry per refused document, by revision. */
  const refusals = (answers: Answer[]): Seen[] =>
    answers.filter((r) => r.error !== undefined).map((r) => {
      expect(r.error, JSON.stringify(r)).to.equal('forbidden');
      return JSON.parse(r.reason ?? 'null') as Seen;
    }).sort((x, y) => x.rev.localeCompare(y.rev));
  const rev1a = { _rev: `1-${a}`, _revisions: { start: 1, ids: [a] } };
  const rev1b = { _rev: `1-${b}`, _revisions: { start: 1, ids: [b] } };
  const rev2b = { _rev: `2-${b}`, _revisions: { start: 2, ids: [b, a] } };
  const rev2c = { _rev: `2-${c}`, _revisions: { start: 2, ids: [c, a] } };
  const rev3c = { _rev: `3-${c}`, _revisions: { start: 3, ids: [c, b, a] } };

  /** A document whose only stored revision is 1-a. */
  async function storedAt1a(): Promise<string> {
    const id = `doc-${++n}`;
    const res = await replicate([{ _id: id, ...rev1a, v: 'stored' }]);
    expect(res.body.filter((r) => r.error !== undefined)).to.deep.equal([]);
    return id;
  }

  describe('replicated (new_edits:false), on an absent document', function () {
    it('validates both revisions of a chain 1-a → 2-b, each with oldDoc null', async function () {
      const id = `absent-${++n}`;
      const res = await replicate([{ _id: id, ...rev1a, probe: true }, { _id: id, ...rev2b, probe: true }]);
      expect(res.status).to.equal(201);
      expect(refusals(res.body)).to.deep.equal([{ rev: `1-${a}`, old: null }, { rev: `2-${b}`, old: null }]);
      expect((await get(id)).status).to.equal(404);
    });

    it('stores both revisions of a chain 1-a → 2-b, 1-a with its body', async function () {
      const id = `absent-${++n}`;
      const res = await replicate([{ _id: id, ...rev1a, v: 'one' }, { _id: id, ...rev2b, v: 'two' }]);
      expect(refusals(res.body)).to.deep.equal([]);
      expect((await get(id)).body).to.deep.include({ _rev: `2-${b}`, v: 'two' });
      expect((await get(id, `?rev=1-${a}`)).body).to.deep.include({ _rev: `1-${a}`, v: 'one' });
    });

    it('validates a chain sent in reverse order, 2-b before 1-a, each with oldDoc null', async function () {
      const id = `absent-${++n}`;
      const res = await replicate([{ _id: id, ...rev2b, probe: true }, { _id: id, ...rev1a, probe: true }]);
      expect(refusals(res.body)).to.deep.equal([{ rev: `1-${a}`, old: null }, { rev: `2-${b}`, old: null }]);
      expect((await get(id)).status).to.equal(404);
    });

    it('stores a chain sent in reverse order, 2-b before 1-a, 1-a with its body', async function () {
      const id = `absent-${++n}`;
      const res = await replicate([{ _id: id, ...rev2b, v: 'two' }, { _id: id, ...rev1a, v: 'one' }]);
      expect(refusals(res.body)).to.deep.equal([]);
      expect((await get(id)).body).to.deep.include({ _rev: `2-${b}`, v: 'two' });
      expect((await get(id, `?rev=1-${a}`)).body).to.deep.include({ _rev: `1-${a}`, v: 'one' });
    });

    it('stores 1-a of a chain 1-a → 2-b when only 2-b is refused (each judged alone)', async function () {
      const id = `absent-${++n}`;
      const res = await replicate([{ _id: id, ...rev1a, v: 'one' }, { _id: id, ...rev2b, probe: true }]);
      expect(refusals(res.body)).to.deep.equal([{ rev: `2-${b}`, old: null }]);
      expect((await get(id)).body).to.deep.include({ _rev: `1-${a}`, v: 'one' });
    });

    it('validates two siblings 1-a and 1-b, each with oldDoc null', async function () {
      const id = `absent-${++n}`;
      const res = await replicate([{ _id: id, ...rev1a, probe: true }, { _id: id, ...rev1b, probe: true }]);
      expect(refusals(res.body)).to.deep.equal([{ rev: `1-${a}`, old: null }, { rev: `1-${b}`, old: null }]);
    });
  });

  describe('replicated (new_edits:false), on a document stored at 1-a', function () {
    it('neither validates nor stores 2-b of a chain 2-b → 3-c, and gives 3-c oldDoc 1-a (the tree before the request)', async function () {
      const id = await storedAt1a();
      const res = await replicate([{ _id: id, ...rev2b, probe: true }, { _id: id, ...rev3c, probe: true }]);
      expect(refusals(res.body)).to.deep.equal([{ rev: `3-${c}`, old: `1-${a}` }]);
      expect((await get(id)).body).to.deep.include({ _rev: `1-${a}`, v: 'stored' });
    });

    it('stores 3-c of a chain 2-b → 3-c without the body of 2-b', async function () {
      const id = await storedAt1a();
      const res = await replicate([{ _id: id, ...rev2b, v: 'two' }, { _id: id, ...rev3c, v: 'three' }]);
      expect(refusals(res.body)).to.deep.equal([]);
      expect((await get(id)).body).to.deep.include({ _rev: `3-${c}`, v: 'three' });
      expect((await get(id, `?rev=2-${b}`)).status).to.equal(404);
    });

    it('gives two siblings 2-b and 2-c each oldDoc 1-a', async function () {
      const id = await storedAt1a();
      const res = await replicate([{ _id: id, ...rev2b, probe: true }, { _id: id, ...rev2c, probe: true }]);
      expect(refusals(res.body)).to.deep.equal([{ rev: `2-${b}`, old: `1-${a}` }, { rev: `2-${c}`, old: `1-${a}` }]);
    });

    it('gives 2-c oldDoc 1-a, not its sibling 2-b stored by the same request', async function () {
      const id = await storedAt1a();
      const res = await replicate([{ _id: id, ...rev2b, v: 'two' }, { _id: id, ...rev2c, probe: true }]);
      expect(refusals(res.body)).to.deep.equal([{ rev: `2-${c}`, old: `1-${a}` }]);
      expect((await get(id)).body).to.deep.include({ _rev: `2-${b}`, v: 'two' });
    });
  });

  describe('interactive, the same id twice', function () {
    it('stores the first new document and answers the second a conflict', async function () {
      const id = `twice-${++n}`;
      const res = await bulk({ docs: [{ _id: id, v: 1 }, { _id: id, v: 2 }] });
      expect(res.status).to.equal(201);
      expect(res.body[0]).to.include({ id, ok: true });
      expect(res.body[1]).to.include({ id, error: 'conflict' });
      expect((await get(id)).body).to.deep.include({ _rev: res.body[0]!.rev, v: 1 });
    });

    it('applies the first of two edits of the same _rev and answers the second a conflict', async function () {
      const id = `twice-${++n}`;
      const created = await server.asAdmin('PUT', `/${db}/${id}`, { body: { v: 0 } });
      const rev = created.body.rev as string;
      const res = await bulk({ docs: [{ _id: id, _rev: rev, v: 1 }, { _id: id, _rev: rev, v: 2 }] });
      expect(res.body[0]).to.include({ id, ok: true });
      expect(res.body[1]).to.include({ id, error: 'conflict' });
      const doc = await get(id, '?conflicts=true');
      expect(doc.body).to.deep.include({ _rev: res.body[0]!.rev, v: 1 });
      expect(doc.body).to.not.have.property('_conflicts');
    });

    it('validates both edits against the stored revision, before the conflict: the second is refused, not a conflict', async function () {
      const id = `twice-${++n}`;
      const rev = (await server.asAdmin('PUT', `/${db}/${id}`, { body: { v: 0 } })).body.rev as string;
      const both = await bulk({ docs: [{ _id: id, _rev: rev, probe: true }, { _id: id, _rev: rev, probe: true }] });
      expect(both.body.map((r) => r.error)).to.deep.equal(['forbidden', 'forbidden']);
      expect(both.body.map((r) => (JSON.parse(r.reason!) as Seen).old)).to.deep.equal([rev, rev]);
      const second = await bulk({ docs: [{ _id: id, _rev: rev, v: 1 }, { _id: id, _rev: rev, probe: true }] });
      expect(second.body[0]).to.include({ id, ok: true });
      expect(second.body[1]).to.include({ error: 'forbidden' });
      expect((JSON.parse(second.body[1]!.reason!) as Seen).old).to.equal(rev);
    });

    it('stores the second edit when the first is refused', async function () {
      const id = `twice-${++n}`;
      const rev = (await server.asAdmin('PUT', `/${db}/${id}`, { body: { v: 0 } })).body.rev as string;
      const res = await bulk({ docs: [{ _id: id, _rev: rev, probe: true }, { _id: id, _rev: rev, v: 2 }] });
      expect(res.body[0]).to.include({ error: 'forbidden' });
      expect(res.body[1]).to.include({ id, ok: true });
      expect((await get(id)).body).to.deep.include({ _rev: res.body[1]!.rev, v: 2 });
    });
  });
});
