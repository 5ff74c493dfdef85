// What docs/OPERATIONS.md ("Running on a CouchDB 3 cluster") tells operators about shards and
// copies, pinned on a real cluster (https://docs.couchdb.org/en/stable/cluster/theory.html,
// https://docs.couchdb.org/en/stable/cluster/databases.html): a database is `q` shards, each kept
// on `n` nodes; `PUT /{db}?q=1` makes one shard; a write answers 201 when `w` copies (by default
// a majority of `n`) have it and 202 when fewer did, still stored. A node is not stopped here (the
// suite does not own the server's processes): asking `w` above `n` gives the 202 every node up;
// docs/OPERATIONS.md has what stopping one and two nodes of three gave. On a single node
// or the embedded server there are no copies to count: skipped, saying so. The last test pins
// what the audit writer's claims rely on (central/audit/audit-claims.ts).
import { expect } from 'chai';
import { conformanceServer, type ConformanceServer } from './server.js';

interface Shards { shards: Record<string, string[]> }

describe('CouchDB conformance: a cluster\'s shards and copies', function () {
  let server: ConformanceServer;
  let n = 0;
  let q = 0;

  before(async function () {
    server = await conformanceServer();
    if (server.vendor !== 'couchdb') this.skip(); // the embedded server has no shards or copies
    if (server.nodes < 2) this.skip(); // a single CouchDB node: one copy of each shard, nothing to count
    const cluster = (await server.asAdmin<Record<string, string>>('GET', '/_node/_local/_config/cluster')).body;
    n = Number(cluster.n ?? 3);
    q = Number(cluster.q ?? 2);
  });
  after(async function () { await server?.cleanup(); });

  it('creates a database of [cluster] q shards (CouchDB 3: 2) unless asked, each shard on [cluster] n nodes', async function () {
    const db = await server.createDb('cluster-default');
    const { shards } = (await server.asAdmin<Shards>('GET', `/${db}/_shards`)).body;
    expect(Object.keys(shards)).to.have.length(q);
    for (const nodes of Object.values(shards)) expect(new Set(nodes).size).to.equal(n);
    expect((await server.asAdmin('GET', `/${db}`)).body.cluster).to.include({ q, n });
  });

  it('creates a database of one shard with ?q=1, still on n nodes', async function () {
    const db = server.db('cluster-q1');
    expect((await server.asAdmin('PUT', `/${db}?q=1`)).status).to.be.oneOf([201, 202]);
    const { shards } = (await server.asAdmin<Shards>('GET', `/${db}/_shards`)).body;
    expect(Object.keys(shards)).to.deep.equal(['00000000-ffffffff']);
    expect(new Set(Object.values(shards)[0]).size).to.equal(n);
  });

  it('answers a write 201 when w copies have it, and 202, still stored, when fewer did than asked (w above n)', async function () {
    const db = server.db('cluster-quorum');
    expect((await server.asAdmin('PUT', `/${db}?q=1`)).status).to.be.oneOf([201, 202]);
    const majority = await server.asAdmin('PUT', `/${db}/by-majority`, { body: { v: 1 } });
    const every = await server.asAdmin('PUT', `/${db}/by-every-copy?w=${n}`, { body: { v: 1 } });
    const more = await server.asAdmin('PUT', `/${db}/by-more-than-n?w=${n + 1}`, { body: { v: 1 } });
    expect([majority.status, every.status, more.status]).to.deep.equal([201, 201, 202]);
    expect(more.body).to.include({ ok: true, id: 'by-more-than-n' });
    expect((await server.asAdmin('GET', `/${db}/by-more-than-n`)).body).to.include({ v: 1, _rev: more.body.rev });
  });

  // Two creates of one id racing can both be accepted where a shard has several copies (201 and
  // 202: a create is "accepted" when any copy took it, src/fabric/src/fabric_doc_update.erl
  // force_reply), so the audit writer claims its sequence numbers in a database of one copy of
  // one shard (central/audit/audit-claims.ts). There one shard file orders the creates: one wins,
  // every other is refused, every time.
  it('refuses every create but one of one id racing in a database of one copy of one shard (?n=1&q=1)', async function () {
    const db = server.db('cluster-one-copy');
    expect((await server.asAdmin('PUT', `/${db}?n=1&q=1`)).status).to.be.oneOf([201, 202]);
    const { shards } = (await server.asAdmin<Shards>('GET', `/${db}/_shards`)).body;
    expect(Object.values(shards)).to.have.length(1);
    expect(Object.values(shards)[0]).to.have.length(1);
    for (let race = 0; race < 30; race++) {
      const statuses = (await Promise.all([1, 2, 3].map((writer) => server.asAdmin('PUT', `/${db}/claim-${race}`, { body: { writer } })))).map((r) => r.status).sort();
      expect(statuses, `race ${race}`).to.deep.equal([201, 409, 409]);
      expect((await server.asAdmin('GET', `/${db}/claim-${race}?conflicts=true`)).body).to.not.have.property('_conflicts');
    }
  });
});
