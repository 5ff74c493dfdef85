// The embedded server compiles a design doc's validate_doc_update once and runs each module it
// requires once per design doc, as CouchDB's query server does (patches/pouchdb-validation,
// lib/compiled-validation.js), and still validates every write with the design doc stored at
// that moment. A module reports which evaluation of it answered: its exports carry a random
// stamp, and the VDU refuses any document marked `report` with that stamp as the reason.
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { json, startEmbeddedFixture, type Credentials, type EmbeddedFixture } from './embedded-fixture.js';

const reporter = (extra = '') => ({
  _id: '_design/cache',
  validate_doc_update: `function (newDoc) {
    if (newDoc.refuse) throw({ forbidden: 'refused by rule ${extra}' });
    if (newDoc.report) throw({ forbidden: require('lib/stamp').stamp });
  }`,
  lib: { stamp: `exports.stamp = 'evaluation ' + Math.random() + ' ${extra}';` },
});

const rid = () => randomBytes(8).toString('hex');

describe('compiled validate_doc_update on the embedded server (integration)', function () {
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

  async function createDb(ddoc: object): Promise<string> {
    const db = `/pronto-vdc-${rid()}`;
    expect((await json(couch.url, 'PUT', db, admin)).status).to.equal(201);
    expect((await json(couch.url, 'POST', `${db}/_bulk_docs`, admin, { docs: [ddoc], new_edits: false })).status).to.equal(201);
    return db;
  }
  /** The reasons of the refusals of these documents, written in one interactive request. */
  async function reasons(db: string, docs: object[]): Promise<string[]> {
    const res = await json(couch.url, 'POST', `${db}/_bulk_docs`, admin, { docs });
    expect(res.status).to.equal(201);
    return (res.body as Array<{ error?: string; reason?: string }>).map((r) => (r.error ? `${r.error}: ${r.reason}` : 'written'));
  }
  const stampOf = async (db: string) => (await reasons(db, [{ _id: rid(), report: true }]))[0]!;

  it('runs a module once for every document of a request and of the next requests', async function () {
    const db = await createDb({ ...reporter(), _rev: `1-${rid()}` });
    const first = await reasons(db, Array.from({ length: 20 }, () => ({ _id: rid(), report: true })));
    expect(first[0]).to.match(/^forbidden: evaluation /);
    expect(new Set(first).size).to.equal(1);
    expect(await stampOf(db)).to.equal(first[0]);
  });

  it('validates the next write with an edited design doc, and with none once it is deleted', async function () {
    const db = await createDb({ ...reporter(), _rev: `1-${rid()}` });
    const before = await stampOf(db);
    const stored = (await json(couch.url, 'GET', `${db}/_design/cache`, admin)).body as { _rev: string };
    const edited = await json(couch.url, 'PUT', `${db}/_design/cache`, admin, { ...reporter('v2'), _rev: stored._rev });
    expect(edited.status).to.equal(201);
    const after = await stampOf(db);
    expect(after).to.match(/ v2$/).and.not.equal(before);
    expect(await reasons(db, [{ _id: rid(), refuse: true }])).to.deep.equal(['forbidden: refused by rule v2']);
    expect((await json(couch.url, 'DELETE', `${db}/_design/cache?rev=${edited.body.rev}`, admin)).status).to.equal(200);
    expect(await reasons(db, [{ _id: rid(), refuse: true }, { _id: rid(), report: true }])).to.deep.equal(['written', 'written']);
  });

  it('validates a database created again with its own design doc, even one of the same revision', async function () {
    const rev = `1-${rid()}`;
    const db = await createDb({ ...reporter('lenient'), _rev: rev, validate_doc_update: 'function () {}' });
    expect(await reasons(db, [{ _id: rid(), refuse: true }])).to.deep.equal(['written']);
    expect((await json(couch.url, 'DELETE', db, admin)).status).to.equal(200);
    expect((await json(couch.url, 'PUT', db, admin)).status).to.equal(201);
    expect((await json(couch.url, 'POST', `${db}/_bulk_docs`, admin, { docs: [{ ...reporter('strict'), _rev: rev }], new_edits: false })).status).to.equal(201);
    expect(await reasons(db, [{ _id: rid(), refuse: true }])).to.deep.equal(['forbidden: refused by rule strict']);
  });

  it('shares one evaluation between databases whose design docs are the same, as CouchDB does', async function () {
    const ddoc = { ...reporter('shared'), _rev: `1-${rid()}` };
    const [a, b] = [await createDb(ddoc), await createDb(ddoc)];
    expect(await stampOf(a)).to.equal(await stampOf(b));
  });
});
