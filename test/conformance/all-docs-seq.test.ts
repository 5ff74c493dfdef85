// `_all_docs?update_seq=true&stable=true`, which a till's window snapshot relies on
// (central/snapshot/read-window-snapshot.ts). CouchDB's fabric_view_all_docs packs the seq of the
// very shard copies whose rows it streamed (fabric_view_changes:pack_seqs), each worker's rows
// and seq from one snapshot of its copy; `stable=true` picks the copies by mem3:ushards, the same
// ones every time while the nodes are. PouchDB (the embedded server) gives the database's seq.
// https://docs.couchdb.org/en/stable/api/database/bulk-api.html#db-all-docs
import { expect } from 'chai';
import { sameCopies } from '../../central/couch/cluster-seq.js';
import { conformanceServer, type ConformanceServer } from './server.js';

interface AllDocs { update_seq?: unknown; rows: Array<{ id: string }> }
interface Changes { results: Array<{ id: string }>; last_seq: unknown }

describe('CouchDB conformance: _all_docs with update_seq and stable', function () {
  let server: ConformanceServer;
  let db: string;
  // Writes wait for every copy (w=n), so the copies read hold them on a cluster too.
  let w = '';

  before(async function () {
    server = await conformanceServer();
    db = await server.createDb('all-docs-seq');
    w = `?w=${await server.copies(db)}`;
    const docs = Array.from({ length: 12 }, (_, i) => ({ _id: `before-${String(i).padStart(2, '0')}` }));
    expect((await server.asAdmin('POST', `/${db}/_bulk_docs${w}`, { body: { docs } })).status).to.equal(201);
  });
  after(async function () { await server?.cleanup(); });

  const allDocs = async (query: string) => (await server.asAdmin<AllDocs>('GET', `/${db}/_all_docs?update_seq=true&stable=true${query}`)).body;

  it('answers a seq from which the changes feed gives exactly what was written after the read', async function () {
    const page = await allDocs('&limit=5');
    expect(page.rows.map((r) => r.id)).to.deep.equal(['before-00', 'before-01', 'before-02', 'before-03', 'before-04']);
    expect(page.update_seq, 'a seq').to.not.equal(undefined);
    const after = Array.from({ length: 4 }, (_, i) => ({ _id: `after-${i}` }));
    expect((await server.asAdmin('POST', `/${db}/_bulk_docs${w}`, { body: { docs: after } })).status).to.equal(201);
    const since = encodeURIComponent(typeof page.update_seq === 'string' ? page.update_seq : JSON.stringify(page.update_seq));
    const changes = (await server.asAdmin<Changes>('GET', `/${db}/_changes?since=${since}`)).body;
    expect(changes.results.map((r) => r.id).sort()).to.deep.equal(after.map((d) => d._id));
  });

  it('reads the same shard copies on every request (on a cluster; one copy elsewhere)', async function () {
    const seqs = [];
    for (const query of ['&limit=3', '&startkey="before-05"&limit=3', '&startkey="before-09"', '']) seqs.push((await allDocs(query)).update_seq);
    for (const seq of seqs.slice(1)) {
      if (server.nodes > 1) expect(sameCopies(seqs[0], seq), `${String(seqs[0]).slice(0, 30)} and ${String(seq).slice(0, 30)}`).to.equal(true);
      else expect(sameCopies(seqs[0], seq), 'one copy: nothing to tell apart').to.not.equal(false);
    }
  });
});
