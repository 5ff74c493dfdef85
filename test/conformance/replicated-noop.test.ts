// A replicated write (`_bulk_docs`, new_edits:false) of a revision the database already has, as
// a leaf or inside its tree, changes nothing: CouchDB 3 (couch_db.erl,
// prep_and_validate_replicated_updates: "this doc isn't a leaf or already exists in the tree.
// ignore but consider it a success"; couch_db_updater.erl, merge_rev_trees: an unchanged
// document gets no new update_seq) and the embedded server (pouchdb-validation's 'drop' plan).
// The till's one-shot pushes rely on it: its own new sales go up without asking revs_diff
// first (store-client/replication-phases.ts), so a push interrupted after its bulk_docs sends
// some of them again — which must not call validate_doc_update, store a conflict, move a
// deleted document, or add a change to the feed.
import { expect } from 'chai';
import { conformanceServer, type ConformanceServer } from './server.js';

// Refuses every document that carries `probe`: a resent revision carrying it passes only if
// validate_doc_update is not called for it.
const PROBE_VDU = `function (newDoc) {
  if (newDoc.probe) throw({ forbidden: 'validate_doc_update was called' });
}`;

const hash = (c: string) => c.repeat(32);
const [a, b, d] = ['a', 'b', 'd'].map(hash) as [string, string, string];

type Seq = string | number;

describe('CouchDB conformance: a replicated revision already stored is a no-op', function () {
  let server: ConformanceServer;
  let db: string;
  let n = 0;
  // Writes wait for every copy (w=n): on a cluster a copy a quorum write had not reached yet
  // would take a resent revision as new (and validate it), or keep a body the others never had.
  let w = '';

  before(async function () {
    server = await conformanceServer();
    db = await server.createDb('replicated-noop');
    w = `?w=${await server.copies(db)}`;
    expect((await server.asAdmin('PUT', `/${db}/_design/probe${w}`, { body: { validate_doc_update: PROBE_VDU } })).status).to.equal(201);
  });
  after(async function () { await server?.cleanup(); });

  const replicate = async (docs: object[]) => {
    const res = await server.asAdmin<Array<{ id: string; error?: string }>>('POST', `/${db}/_bulk_docs${w}`, { body: { docs, new_edits: false } });
    expect(res.status).to.equal(201);
    return res.body.filter((r) => r.error !== undefined);
  };
  const updateSeq = async (): Promise<Seq> => (await server.asAdmin('GET', `/${db}`)).body.update_seq;
  const changesSince = async (since: Seq) => (await server.asAdmin<{ results: Array<{ id: string }> }>('GET', `/${db}/_changes?since=${encodeURIComponent(String(since))}`)).body.results;
  const rev1a = (id: string, extra: object = {}) => ({ _id: id, _rev: `1-${a}`, _revisions: { start: 1, ids: [a] }, v: 'stored', ...extra });

  /** Resends 1-a (carrying `probe`, so that a validation would refuse it) and checks nothing moved. */
  async function resendChangesNothing(id: string) {
    const seq = await updateSeq();
    const errors = await replicate([rev1a(id, { probe: true, v: 'resent' })]);
    expect(errors, 'validate_doc_update was not called').to.deep.equal([]);
    // On a cluster update_seq is whichever copy of each shard answered first, a different
    // string from one read to the next with nothing written: there the feed alone says it.
    if (server.nodes === 1) expect(await updateSeq(), 'update_seq').to.deep.equal(seq);
    expect(await changesSince(seq), 'no new change').to.deep.equal([]);
  }

  it('resending the stored leaf 1-a: not validated, the body stays, update_seq stays, no change in the feed', async function () {
    const id = `leaf-${++n}`;
    expect(await replicate([rev1a(id)])).to.deep.equal([]);
    await resendChangesNothing(id);
    expect((await server.asAdmin('GET', `/${db}/${id}?conflicts=true`)).body).to.deep.equal({ _id: id, _rev: `1-${a}`, v: 'stored' });
  });

  it('resending 1-a under a later revision 2-b: not validated, no conflict, 2-b stays the winner', async function () {
    const id = `interior-${++n}`;
    expect(await replicate([rev1a(id)])).to.deep.equal([]);
    expect(await replicate([{ _id: id, _rev: `2-${b}`, _revisions: { start: 2, ids: [b, a] }, v: 'edited' }])).to.deep.equal([]);
    await resendChangesNothing(id);
    expect((await server.asAdmin('GET', `/${db}/${id}?conflicts=true`)).body).to.deep.equal({ _id: id, _rev: `2-${b}`, v: 'edited' });
  });

  it('resending 1-a of a document deleted since (2-d): it stays deleted', async function () {
    const id = `deleted-${++n}`;
    expect(await replicate([rev1a(id)])).to.deep.equal([]);
    expect(await replicate([{ _id: id, _rev: `2-${d}`, _revisions: { start: 2, ids: [d, a] }, _deleted: true }])).to.deep.equal([]);
    await resendChangesNothing(id);
    expect((await server.asAdmin('GET', `/${db}/${id}`)).status).to.equal(404);
  });

  it('stores the new revisions of a request that also resends one it has', async function () {
    const id = `mixed-${++n}`;
    expect(await replicate([rev1a(id)])).to.deep.equal([]);
    const fresh = `mixed-${++n}`;
    const errors = await replicate([rev1a(id, { probe: true }), rev1a(fresh, { v: 'new' })]);
    expect(errors).to.deep.equal([]);
    expect((await server.asAdmin('GET', `/${db}/${fresh}`)).body).to.deep.equal({ _id: fresh, _rev: `1-${a}`, v: 'new' });
    expect((await server.asAdmin('GET', `/${db}/${id}`)).body).to.deep.equal({ _id: id, _rev: `1-${a}`, v: 'stored' });
  });
});
