// Sequences are opaque (https://docs.couchdb.org/en/stable/api/database/changes.html): CouchDB 3
// answers strings "N-g1AAAA…" (N the sum of its shards' sequences), the embedded server numbers.
// What the project relies on: each begins with a number that grows with the database (central's
// seqNumber reads it, and refuses a checkpoint past `update_seq`), and `since` takes back what
// `last_seq` or a change's `seq` gave, unchanged.
import { expect } from 'chai';
import { seqNumber } from '../../central/feed/check-since.js';
import { conformanceServer, type ConformanceServer } from './server.js';

type Seq = string | number;
interface Changes { results: Array<{ id: string; seq: Seq }>; last_seq: Seq }

describe('CouchDB conformance: sequences are opaque', function () {
  let server: ConformanceServer;
  let db: string;
  let n = 0;

  before(async function () {
    server = await conformanceServer();
    db = await server.createDb('sequences');
  });
  after(async function () { await server?.cleanup(); });

  const write = async (count: number) => {
    const docs = Array.from({ length: count }, () => ({ _id: `doc-${++n}` }));
    // On every copy (w=n): on a cluster a feed read right after may meet a copy a quorum write has not reached.
    expect((await server.asAdmin('POST', `/${db}/_bulk_docs?w=${await server.copies(db)}`, { body: { docs } })).status).to.equal(201);
    return docs.map((d) => d._id);
  };
  const updateSeq = async (): Promise<Seq> => (await server.asAdmin('GET', `/${db}`)).body.update_seq;
  const changes = async (query: string) => {
    const res = await server.asAdmin<Changes>('GET', `/${db}/_changes?${query}`);
    expect(res.status, query).to.equal(200);
    return res.body;
  };
  const lead = (seq: Seq) => {
    const at = seqNumber(seq);
    expect(at, `the leading number of ${JSON.stringify(seq)}`).to.be.a('number');
    return at!;
  };

  it('gives update_seq, last_seq and every seq as a string "N-g1…" (embedded server: as a number), each beginning with a number central reads', async function () {
    await write(3);
    const feed = await changes('');
    const all: Seq[] = [await updateSeq(), feed.last_seq, ...feed.results.map((r) => r.seq)];
    for (const seq of all) {
      if (server.vendor === 'embedded') expect(seq).to.be.a('number');
      else expect(seq).to.be.a('string').that.matches(/^\d+-g1[A-Za-z0-9_-]+$/);
      lead(seq);
    }
  });

  it('grows the leading number of update_seq with every write, and never gives a last_seq or seq beyond it', async function () {
    const before = lead(await updateSeq());
    await write(4);
    const after = lead(await updateSeq());
    expect(after).to.be.at.least(before + 4);
    const feed = await changes('');
    expect(lead(feed.last_seq)).to.be.at.most(after);
    for (const r of feed.results) expect(lead(r.seq), r.id).to.be.at.most(after);
  });

  // On a cluster a `since` names one copy of each shard; CouchDB may serve it from another copy,
  // or start a copy again from its last checkpoint, and send changes already seen ("you might see
  // changes again", changes.html): once (4 of 7 documents) in a full conformance run against a
  // 3-node CouchDB 3.4.3. Central's follower redoes only idempotent work for them.
  it('takes back a last_seq or a seq as since, and then gives what came after (on a cluster, maybe again some of what came before, never less)', async function () {
    const upTo = await changes('');
    const seen = new Set(upTo.results.map((r) => r.id));
    const replayed = (ids: string[]) => (server.nodes > 1 ? ids.filter((id) => !seen.has(id)) : ids);
    expect(replayed((await changes(`since=${encodeURIComponent(String(upTo.last_seq))}`)).results.map((r) => r.id))).to.deep.equal([]);
    const written = await write(2);
    const later = await changes(`since=${encodeURIComponent(String(upTo.last_seq))}`);
    expect(replayed(later.results.map((r) => r.id)).sort()).to.deep.equal(written.sort());
    const first = later.results.find((r) => r.id === written[0])!;
    const fromSeq = await changes(`since=${encodeURIComponent(String(first.seq))}`);
    if (server.nodes === 1) expect(fromSeq.results.map((r) => r.id)).to.not.include(written[0]);
    expect(fromSeq.results.map((r) => r.id)).to.include(written[1]);
  });

  it('takes since=0 as the beginning and since=now as the present', async function () {
    const total = (await server.asAdmin('GET', `/${db}`)).body.doc_count as number;
    expect((await changes('since=0')).results).to.have.length(total);
    const now = await changes('since=now');
    expect(now.results).to.deep.equal([]);
    expect(lead(now.last_seq)).to.equal(lead(await updateSeq()));
  });

  it('answers a longpoll from since=now with a write made after it, and nothing from before', async function () {
    const before = await write(1);
    let answered: Changes | undefined;
    const poll = changes('feed=longpoll&since=now&timeout=20000').then((body) => { answered = body; });
    // The server may take the request a moment after it is sent: write until the poll answers.
    const written: string[] = [];
    for (let i = 0; i < 50 && answered === undefined; i++) {
      written.push(...(await write(1)));
      await Promise.race([poll, new Promise((r) => setTimeout(r, 100))]);
    }
    await poll;
    const ids = answered!.results.map((r) => r.id);
    expect(ids).to.have.length.of.at.least(1);
    expect(written).to.include.members(ids);
    expect(ids).to.not.include(before[0]);
  });

  it("refuses a bare number other than 0 as since: 400 \"Malformed sequence supplied in 'since' parameter.\" (embedded server: takes it as the sequence it is) — pass since back unchanged, never its leading number", async function () {
    const res = await server.asAdmin('GET', `/${db}/_changes?since=1`);
    if (server.vendor === 'embedded') {
      expect(res.status).to.equal(200);
    } else {
      expect([res.status, res.body]).to.deep.equal([400, { error: 'bad_request', reason: "Malformed sequence supplied in 'since' parameter." }]);
    }
  });

  it('ends a longpoll with no change after timeout ms, with no results (the embedded server too: patches/express-pouchdb honours timeout)', async function () {
    const started = Date.now();
    const res = await fetch(`${server.url}/${db}/_changes?feed=longpoll&since=now&timeout=300`, {
      headers: { Authorization: 'Basic ' + Buffer.from(`${server.admin.username}:${server.admin.password}`).toString('base64') },
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json()) as Changes;
    expect(body.results, `answered after ${Date.now() - started} ms`).to.deep.equal([]);
    expect(lead(body.last_seq)).to.equal(lead(await updateSeq()));
  });
});
