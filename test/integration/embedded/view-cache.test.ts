// The embedded server compiles a view's map function once, in a sandbox of its own, as CouchDB's
// query server keeps it (patches/pouchdb-mapreduce), instead of a new sandbox and script for
// every document; and it still indexes with the design doc stored at that moment, hands every call
// its own copy of the document, and collects each document's emits alone.
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { json, startEmbeddedFixture, type Credentials, type EmbeddedFixture } from './embedded-fixture.js';

const rid = () => randomBytes(8).toString('hex');
const viewDoc = (map: string) => ({ _id: '_design/v', views: { by: { map } } });

describe('compiled view functions on the embedded server (integration)', function () {
  this.timeout(120_000);
  let couch: EmbeddedFixture;
  let admin: Credentials;

  before(async function () {
    couch = await startEmbeddedFixture();
    admin = couch.admin;
  });
  after(async function () {
    await couch?.stop();
  });

  async function createDb(docs: object[]): Promise<string> {
    const db = `/pronto-vwc-${rid()}`;
    expect((await json(couch.url, 'PUT', db, admin)).status).to.equal(201);
    expect((await json(couch.url, 'POST', `${db}/_bulk_docs`, admin, { docs })).status).to.equal(201);
    return db;
  }
  async function rows(db: string): Promise<Array<{ id: string; key: unknown; value: unknown }>> {
    const res = await json(couch.url, 'GET', `${db}/_design/v/_view/by`, admin);
    expect(res.status).to.equal(200);
    return (res.body as { rows: Array<{ id: string; key: unknown; value: unknown }> }).rows;
  }

  it('gives each document its own emits and its own copy of the document', async function () {
    // The map function changes its copy; a later document must not see the change, nor an earlier one's emits.
    const map = 'function (doc) { if (doc.seen) emit("leaked", doc._id); doc.seen = true; for (var i = 0; i < doc.n; i++) emit([doc._id, i], doc.n); }';
    const db = await createDb([viewDoc(map), { _id: 'a', n: 2 }, { _id: 'b', n: 1 }, { _id: 'c', n: 0 }]);
    expect(await rows(db)).to.deep.equal([
      { id: 'a', key: ['a', 0], value: 2 }, { id: 'a', key: ['a', 1], value: 2 }, { id: 'b', key: ['b', 0], value: 1 },
    ]);
    const stored = (await json(couch.url, 'GET', `${db}/a`, admin)).body as Record<string, unknown>;
    expect(stored).to.not.have.property('seen');
  });

  it('indexes with the edited map function once the design doc changes', async function () {
    const db = await createDb([viewDoc('function (doc) { if (doc.x) emit(doc.x, null); }'), { _id: 'a', x: 'old', y: 'new' }]);
    expect((await rows(db)).map((r) => r.key)).to.deep.equal(['old']);
    const ddoc = (await json(couch.url, 'GET', `${db}/_design/v`, admin)).body as { _rev: string };
    expect((await json(couch.url, 'PUT', `${db}/_design/v`, admin, { ...viewDoc('function (doc) { if (doc.y) emit(doc.y, null); }'), _rev: ddoc._rev })).status).to.equal(201);
    expect((await rows(db)).map((r) => r.key)).to.deep.equal(['new']);
  });

  it('skips a document its map function throws on and indexes the others', async function () {
    const db = await createDb([viewDoc('function (doc) { if (doc.bad) throw new Error("bad"); emit(doc._id, null); }'), { _id: 'a' }, { _id: 'b', bad: true }, { _id: 'c' }]);
    expect((await rows(db)).map((r) => r.id)).to.deep.equal(['a', 'c']);
  });
});
