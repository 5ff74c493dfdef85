// A write is checked against the database's `_security` object as it is when the request
// arrives (CouchDB opens the database with its security object for every request, couch_db.erl
// open/check_is_member), and validate_doc_update is given that object as its fourth argument,
// secObj, on a single PUT and on `_bulk_docs` alike. The embedded server reads `_security` once
// per request (patches/express-pouchdb, routes/security before routes/bulk-docs), not once per
// document; these tests pin that a `_security` change still applies to the very next write (on
// one node; on a cluster a moment later, see the removed member's test).
import { expect } from 'chai';
import { conformanceServer, type ConformanceServer, type Credentials } from './server.js';

// Refuses every document carrying `probe`, and reports the member roles it was given in secObj.
const PROBE_VDU = `function (newDoc, oldDoc, userCtx, secObj) {
  if (newDoc.probe) throw({ forbidden: JSON.stringify(((secObj || {}).members || {}).roles || null) });
}`;

interface Answer { id?: string; ok?: boolean; error?: string; reason?: string }

describe('CouchDB conformance: _security read for every request', function () {
  let server: ConformanceServer;
  let member: Credentials;
  let n = 0;

  before(async function () {
    server = await conformanceServer();
    member = await server.createUser('spr-member', ['spr-till']);
  });
  after(async function () { await server?.cleanup(); });

  const security = (roles: string[]) => ({ members: { roles, names: [] }, admins: { roles: [], names: [] } });
  async function probedDb(): Promise<string> {
    const db = await server.createDb('sec-req', security(['spr-till', 'spr-a']));
    expect((await server.asAdmin('PUT', `/${db}/_design/probe`, { body: { validate_doc_update: PROBE_VDU } })).status).to.equal(201);
    return db;
  }
  const setSecurity = async (db: string, roles: string[]) =>
    expect((await server.asAdmin('PUT', `/${db}/_security`, { body: security(roles) })).status).to.equal(200);
  const bulk = (db: string, body: object) => server.request<Answer[]>('POST', `/${db}/_bulk_docs`, { as: member, body });
  const doc = (extra: object = {}) => ({ _id: `d${++n}`, ...extra });
  /** The member roles the probe saw, or the refusal's error when the write never reached it. */
  const seen = (answer: Answer | undefined) => (answer?.error === 'forbidden' ? JSON.parse(answer.reason ?? 'null') : answer);

  it('gives validate_doc_update the security object as secObj on PUT, _bulk_docs and replicated _bulk_docs', async function () {
    const db = await probedDb();
    const put = await server.request('PUT', `/${db}/${doc()._id}`, { as: member, body: { probe: true } });
    expect(put.status).to.equal(403);
    expect(JSON.parse(put.body.reason)).to.deep.equal(['spr-till', 'spr-a']);
    const interactive = await bulk(db, { docs: [doc({ probe: true }), doc({ probe: true })] });
    expect(interactive.body.map(seen)).to.deep.equal([['spr-till', 'spr-a'], ['spr-till', 'spr-a']]);
    const replicated = await bulk(db, { docs: [doc({ probe: true, _rev: `1-${'a'.repeat(32)}` })], new_edits: false });
    expect(replicated.body.map(seen)).to.deep.equal([['spr-till', 'spr-a']]);
  });

  it('gives the very next _bulk_docs the security object written just before it (on a cluster: within 5 s, see below)', async function () {
    const db = await probedDb();
    const copies = await server.copies(db);
    /** What the probe saw, asked again on a cluster (100 ms apart, 50 times at most) until it is `want`. */
    const seenUntil = async (want: string[]) => {
      let got: unknown[] = [];
      for (let tries = 0; tries <= 50; tries++) {
        if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        got = (await bulk(db, { docs: [doc({ probe: true })] })).body.map(seen);
        if (copies === 1 || JSON.stringify(got) === JSON.stringify([want])) break;
      }
      return got;
    };
    await setSecurity(db, ['spr-till', 'spr-b']);
    expect(await seenUntil(['spr-till', 'spr-b'])).to.deep.equal([['spr-till', 'spr-b']]);
    await setSecurity(db, ['spr-till', 'spr-c']);
    expect(await seenUntil(['spr-till', 'spr-c'])).to.deep.equal([['spr-till', 'spr-c']]);
  });

  it('refuses the very next _bulk_docs of a caller removed from the members, and accepts the next one once restored', async function () {
    const db = await probedDb();
    const first = await bulk(db, { docs: [doc(), doc()] });
    expect(first.status).to.equal(201);
    expect(first.body.every((a) => a.ok === true)).to.equal(true);

    await setSecurity(db, ['spr-other']);
    // On a cluster `PUT /{db}/_security` answers once a majority of the shards' copies hold the new
    // object (src/fabric/src/fabric_db_meta.erl, set_security); each copy checks a write against its
    // own, so a copy that has not got it yet takes the removed member's write, and internal
    // replication then spreads it. There the refusal comes a moment later, not at the very next
    // request: asked again with new ids, 50 times at most. One node refuses the very next one.
    const copies = await server.copies(db);
    const isRefused = (r: { status: number; body: Answer[] }) => r.status === 403 || (r.status === 201 && r.body.every((a) => a.error === 'unauthorized'));
    let ids: string[] = [];
    /** Two new documents, sent again (new ids, 100 ms apart, 50 times at most) on a cluster until `done`. */
    const sendUntil = async (done: (r: { status: number; body: Answer[] }) => boolean) => {
      let res;
      for (let tries = 0; tries <= 50; tries++) {
        if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        ids = [doc()._id, doc()._id];
        res = await bulk(db, { docs: ids.map((_id) => ({ _id })) });
        if (copies === 1 || done(res)) break;
      }
      return res!;
    };
    const refused = await sendUntil(isRefused);
    // CouchDB refuses the whole request (403); the embedded server refuses each document (401 in a 201).
    if (refused.status === 201) expect(refused.body.map((a) => a.error)).to.deep.equal(['unauthorized', 'unauthorized']);
    else expect(refused.status).to.equal(403);
    if (copies === 1) for (const id of ids) expect((await server.asAdmin('GET', `/${db}/${id}`)).status, id).to.equal(404);

    await setSecurity(db, ['spr-till']);
    // Restored the same way: at once on one node, within 5 s on a cluster.
    const again = await sendUntil((r) => r.status === 201 && r.body.every((a) => a.ok === true));
    expect(again.status).to.equal(201);
    expect(again.body.every((a) => a.ok === true)).to.equal(true);
  });
});
