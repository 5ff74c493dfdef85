// What validate_doc_update receives as oldDoc (and newDoc._revisions), pinned against the embedded
// server; the rules are Apache CouchDB 3.5's (src/couch/src/couch_db.erl, see
// patches/pouchdb-validation+4.2.0.patch). The cases need only a base URL and admin credentials,
// so the same table can run against Apache CouchDB. A design doc's VDU reports what it was given
// by refusing any document carrying the `observe` marker.
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { json, startEmbeddedFixture, type Credentials, type EmbeddedFixture } from './embedded-fixture.js';

const OBSERVER = {
  _id: '_design/observe',
  validate_doc_update: `function (newDoc, oldDoc) {
    if (newDoc.observe) throw({ forbidden: JSON.stringify({ old: oldDoc ? oldDoc._rev : null, oldDeleted: !!(oldDoc && oldDoc._deleted), newRevs: newDoc._revisions || null }) });
  }`,
};

const rid = () => randomBytes(16).toString('hex');

describe('validate_doc_update oldDoc, as CouchDB gives it (integration)', function () {
  this.timeout(120_000);
  let couch: EmbeddedFixture;
  let url: string;
  let admin: Credentials;
  let db: string;

  before(async function () {
    couch = await startEmbeddedFixture();
    url = couch.url;
    admin = couch.admin;
    db = `/pronto-vdu-${randomBytes(4).toString('hex')}`;
    expect((await json(url, 'PUT', db, admin)).status).to.equal(201);
    expect((await json(url, 'PUT', `${db}/_design/observe`, admin, OBSERVER)).status).to.equal(201);
  });
  after(async function () {
    await couch?.stop();
  });

  /** A stored document 1-a → 2-b, without the marker; returns its revisions. */
  async function storedDoc(): Promise<{ id: string; first: string; second: string }> {
    const id = `doc-${rid()}`;
    const first = (await json(url, 'PUT', `${db}/${id}`, admin, { v: 1 })).body.rev as string;
    const second = (await json(url, 'PUT', `${db}/${id}`, admin, { _rev: first, v: 2 })).body.rev as string;
    return { id, first, second };
  }
  const idOf = (rev: string) => rev.slice(rev.indexOf('-') + 1);

  /** Replicates one document with new_edits:false; returns what the VDU saw, or 'accepted'. */
  async function replicate(doc: object): Promise<unknown> {
    const res = await json(url, 'POST', `${db}/_bulk_docs`, admin, { docs: [doc], new_edits: false });
    expect(res.status).to.equal(201);
    const errors = res.body as Array<{ error: string; reason: string }>;
    if (errors.length === 0) return 'accepted';
    expect(errors[0]!.error).to.equal('forbidden');
    return JSON.parse(errors[0]!.reason);
  }

  it('gives null for a new root of generation 3 of an existing document', async function () {
    const { id } = await storedDoc();
    const ids = [rid(), rid(), rid()];
    expect(await replicate({ _id: id, _rev: `3-${ids[0]}`, _revisions: { start: 3, ids }, observe: true }))
      .to.deep.equal({ old: null, oldDeleted: false, newRevs: { start: 3, ids } });
  });

  it('gives null for a generation-1 sibling', async function () {
    const { id } = await storedDoc();
    const sibling = rid();
    expect(await replicate({ _id: id, _rev: `1-${sibling}`, _revisions: { start: 1, ids: [sibling] }, observe: true }))
      .to.deep.equal({ old: null, oldDeleted: false, newRevs: { start: 1, ids: [sibling] } });
  });

  it('gives the stored leaf that an extension names as parent', async function () {
    const { id, first, second } = await storedDoc();
    const ids = [rid(), idOf(second), idOf(first)];
    expect(await replicate({ _id: id, _rev: `3-${ids[0]}`, _revisions: { start: 3, ids }, observe: true }))
      .to.deep.equal({ old: second, oldDeleted: false, newRevs: { start: 3, ids } });
  });

  it('walks back past parents it does not store to the first stored ancestor', async function () {
    const { id, first, second } = await storedDoc();
    const ids = [rid(), rid(), idOf(second), idOf(first)];
    expect(await replicate({ _id: id, _rev: `4-${ids[0]}`, _revisions: { start: 4, ids }, observe: true }))
      .to.deep.include({ old: second });
  });

  it('gives the stored, no longer winning, revision a new branch grows from', async function () {
    const { id, first } = await storedDoc();
    const ids = [rid(), idOf(first)];
    expect(await replicate({ _id: id, _rev: `2-${ids[0]}`, _revisions: { start: 2, ids }, observe: true }))
      .to.deep.include({ old: first });
  });

  it('does not validate a revision that is already stored (a no-op success)', async function () {
    const { id, first, second } = await storedDoc();
    expect(await replicate({ _id: id, _rev: second, _revisions: { start: 2, ids: [idOf(second), idOf(first)] }, observe: true, v: 99 })).to.equal('accepted');
    expect((await json(url, 'GET', `${db}/${id}`, admin)).body).to.include({ _rev: second, v: 2 });
  });

  it('gives an interactive edit the revision its _rev names, and _revisions naming only it', async function () {
    const { id, second } = await storedDoc();
    const res = await json(url, 'PUT', `${db}/${id}`, admin, { _rev: second, observe: true });
    expect(res.status).to.equal(403);
    expect(JSON.parse(res.body.reason)).to.deep.equal({ old: second, oldDeleted: false, newRevs: { start: 2, ids: [idOf(second)] } });
  });

  it('gives null and no _revisions to an interactive new document', async function () {
    const res = await json(url, 'PUT', `${db}/new-${rid()}`, admin, { observe: true });
    expect(res.status).to.equal(403);
    expect(JSON.parse(res.body.reason)).to.deep.equal({ old: null, oldDeleted: false, newRevs: null });
  });

  it('gives null to an interactive write over a deleted document', async function () {
    const { id, second } = await storedDoc();
    expect((await json(url, 'DELETE', `${db}/${id}?rev=${second}`, admin)).status).to.equal(200);
    const res = await json(url, 'PUT', `${db}/${id}`, admin, { observe: true });
    expect(JSON.parse(res.body.reason)).to.deep.include({ old: null });
  });

  it('answers an interactive edit of a revision that is not a leaf with a conflict, not a validation', async function () {
    const { id, first } = await storedDoc();
    const res = await json(url, 'PUT', `${db}/${id}`, admin, { _rev: first, observe: true });
    expect(res.status).to.equal(409);
    expect(res.body.error).to.equal('conflict');
  });
});
