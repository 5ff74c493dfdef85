// `_local` documents (https://docs.couchdb.org/en/stable/api/local.html): CouchDB skips
// validate_doc_update for them (couch_db.erl: validate_doc_update(_Db, #doc{id = <<"_local/"…>>}, _)
// -> ok), any member may write them, and they live outside the by-sequence index, so neither
// `_changes`, `_all_docs` nor replication ever sees them.
import { expect } from 'chai';
import { createNodePouch } from '../../store-client/index.js';
import { conformanceServer, type ConformanceServer, type Credentials } from './server.js';

const REFUSE_ALL = `function () { throw({ forbidden: 'nothing passes' }); }`;

describe('CouchDB conformance: _local documents', function () {
  let server: ConformanceServer;
  let db: string;
  let member: Credentials;
  let dbAdmin: Credentials;

  before(async function () {
    server = await conformanceServer();
    member = await server.createUser('local-member', ['conf-member']);
    dbAdmin = await server.createUser('local-db-admin');
    db = await server.createDb('local-docs', { members: { roles: ['conf-member'] }, admins: { names: [dbAdmin.username] } });
    expect((await server.asAdmin('PUT', `/${db}/_design/refuse?w=${await server.copies(db)}`, { body: { validate_doc_update: REFUSE_ALL } })).status).to.equal(201);
  });
  after(async function () { await server?.cleanup(); });

  it('skips validate_doc_update: a VDU that refuses everything refuses a document but lets a _local document through', async function () {
    const callers: Array<[string, Credentials]> = [['server admin', server.admin], ['database admin', dbAdmin], ['member', member]];
    for (const [who, as] of callers) {
      const plain = await server.request('PUT', `/${db}/plain-${as.username}`, { as, body: { v: 1 } });
      expect(plain.status, `${who}: a plain document`).to.equal(403);
      expect(plain.body, who).to.deep.equal({ error: 'forbidden', reason: 'nothing passes' });
      const local = await server.request('PUT', `/${db}/_local/${as.username}`, { as, body: { since: '999999999' } });
      expect(local.status, `${who}: a _local document`).to.equal(201);
      expect(local.body, who).to.include({ ok: true, id: `_local/${as.username}` });
    }
  });

  it('lets a member overwrite a _local document another account wrote, and read it back', async function () {
    await server.asAdmin('PUT', `/${db}/_local/shared`, { body: { owner: 'admin' } });
    const current = await server.request('GET', `/${db}/_local/shared`, { as: member });
    expect(current.status).to.equal(200);
    const res = await server.request('PUT', `/${db}/_local/shared`, { as: member, body: { _rev: current.body._rev, owner: 'member' } });
    expect(res.status).to.equal(201);
    expect((await server.asAdmin('GET', `/${db}/_local/shared`)).body).to.include({ owner: 'member' });
  });

  it('checks no _rev of a _local document on CouchDB: a stale or missing _rev overwrites it (embedded server: 409)', async function () {
    // couch_db_updater:increment_local_doc_revs: the new rev is the one sent plus one, never compared.
    const first = await server.asAdmin('PUT', `/${db}/_local/lww`, { body: { v: 1 } });
    const second = await server.asAdmin('PUT', `/${db}/_local/lww`, { body: { _rev: first.body.rev, v: 2 } });
    expect(second.status).to.equal(201);
    const stale = await server.asAdmin('PUT', `/${db}/_local/lww`, { body: { _rev: first.body.rev, v: 3 } });
    const missing = await server.asAdmin('PUT', `/${db}/_local/lww`, { body: { v: 4 } });
    const stored = (await server.asAdmin('GET', `/${db}/_local/lww`)).body;
    if (server.vendor === 'couchdb') {
      expect([stale.status, missing.status]).to.deep.equal([201, 201]);
      expect([stale.body.rev, missing.body.rev]).to.deep.equal(['0-2', '0-1']);
      // On a cluster a read soon after may still meet a copy holding 0-2 (v 3), and the higher
      // rev wins the read: the last write shows once every copy has it.
      if (server.nodes === 1) expect(stored).to.include({ v: 4, _rev: '0-1' });
    } else {
      expect([stale.status, missing.status]).to.deep.equal([409, 409]);
      expect(stored).to.include({ v: 2, _rev: '0-2' });
    }
  });

  it('refuses an anonymous _local write to a database with members (401)', async function () {
    const res = await server.request('PUT', `/${db}/_local/anonymous`, { as: null, body: { v: 1 } });
    expect(res.status).to.equal(401);
    expect(res.body.error).to.equal('unauthorized');
  });

  it('leaves _local documents out of _changes and _all_docs', async function () {
    await server.asAdmin('PUT', `/${db}/_local/hidden`, { body: { v: 1 } });
    const changes = await server.asAdmin<{ results: Array<{ id: string }> }>('GET', `/${db}/_changes`);
    const all = await server.asAdmin<{ rows: Array<{ id: string }> }>('GET', `/${db}/_all_docs`);
    expect(changes.body.results.map((r) => r.id)).to.deep.equal(['_design/refuse']);
    expect(all.body.rows.map((r) => r.id)).to.deep.equal(['_design/refuse']);
  });

  it('does not replicate _local documents (a PouchDB pull, as a till does, copies only the others)', async function () {
    await server.asAdmin('PUT', `/${db}/_local/not-replicated`, { body: { v: 1 } });
    const PouchDB = createNodePouch();
    const remote = new PouchDB(`${server.url}/${db}`, { auth: { username: server.admin.username, password: server.admin.password } });
    const local = new PouchDB(`conformance-local-${Date.now()}`, { adapter: 'memory' });
    try {
      const result = await local.replicate.from(remote);
      expect(result.ok).to.equal(true);
      expect((await local.allDocs()).rows.map((r) => r.id)).to.deep.equal(['_design/refuse']);
      const copied = await local.get('_local/not-replicated').then(() => true, () => false);
      expect(copied).to.equal(false);
    } finally {
      await local.destroy();
      await remote.close();
    }
  });
});
