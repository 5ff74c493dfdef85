// The endpoints replication and central's resolver read revisions through
// (https://docs.couchdb.org/en/stable/api/database/bulk-api.html, …/changes.html, …/misc.html#revs-diff):
// `_bulk_get?revs=true` answers one result per requested {id, rev}, in request order, each
// revision with its `_revisions` (with `latest=true`, the leaf a replaced revision leads to);
// `_revs_diff` names what the server lacks; `_all_docs` with `keys` answers one row per key;
// `_changes?style=all_docs` lists every leaf, the winner first.
import { expect } from 'chai';
import { conformanceServer, type ConformanceServer } from './server.js';

const hash = (c: string) => c.repeat(32);
const [a, b, c, f, x, y] = ['a', 'b', 'c', 'f', '1', '2'].map(hash) as [string, string, string, string, string, string];

type BulkGetDoc = { ok?: Record<string, unknown>; error?: Record<string, unknown>; missing?: string };

describe('CouchDB conformance: _bulk_get, _revs_diff, _all_docs with keys, _changes with style=all_docs', function () {
  let server: ConformanceServer;
  let db: string;

  // `two-leaves`: 1-a → 2-b, and a sibling 1-f (2-b wins). `one-leaf`: 1-c. `deleted`: 1-x → 2-y deleted.
  before(async function () {
    server = await conformanceServer();
    db = await server.createDb('replication-api');
    const res = await server.asAdmin('POST', `/${db}/_bulk_docs`, {
      body: {
        new_edits: false,
        docs: [
          { _id: 'two-leaves', _rev: `2-${b}`, _revisions: { start: 2, ids: [b, a] }, v: 'b' },
          { _id: 'two-leaves', _rev: `1-${f}`, _revisions: { start: 1, ids: [f] }, v: 'f' },
          { _id: 'one-leaf', _rev: `1-${c}`, _revisions: { start: 1, ids: [c] }, v: 'c' },
          { _id: 'deleted', _rev: `2-${y}`, _revisions: { start: 2, ids: [y, x] }, _deleted: true },
        ],
      },
    });
    expect(res.status).to.equal(201);
  });
  after(async function () { await server?.cleanup(); });

  const bulkGet = (docs: Array<{ id: string; rev?: string }>) =>
    server.asAdmin<{ results: Array<{ id: string; docs: BulkGetDoc[] }> }>('POST', `/${db}/_bulk_get?revs=true`, { body: { docs } });

  const okRevs = (results: Array<{ id: string; docs: BulkGetDoc[] }>) => results.map((r) => [r.id, ...r.docs.map((d) => d.ok?._rev ?? null)]);

  it('answers _bulk_get?revs=true with one result per {id, rev}, each revision with its _revisions', async function () {
    const res = await bulkGet([
      { id: 'one-leaf', rev: `1-${c}` },
      { id: 'two-leaves', rev: `1-${f}` },
      { id: 'two-leaves', rev: `2-${b}` },
      { id: 'deleted', rev: `2-${y}` },
    ]);
    expect(res.status).to.equal(200);
    // Compared as a set: the order is pinned by the next case.
    const key = (r: { id: string; docs: BulkGetDoc[] }) => `${r.id} ${String(r.docs[0]?.ok?._rev)}`;
    const sorted = (results: Array<{ id: string; docs: BulkGetDoc[] }>) => [...results].sort((p, q) => key(p).localeCompare(key(q)));
    expect(sorted(res.body.results)).to.deep.equal(sorted([
      { id: 'one-leaf', docs: [{ ok: { _id: 'one-leaf', _rev: `1-${c}`, v: 'c', _revisions: { start: 1, ids: [c] } } }] },
      { id: 'two-leaves', docs: [{ ok: { _id: 'two-leaves', _rev: `1-${f}`, v: 'f', _revisions: { start: 1, ids: [f] } } }] },
      { id: 'two-leaves', docs: [{ ok: { _id: 'two-leaves', _rev: `2-${b}`, v: 'b', _revisions: { start: 2, ids: [b, a] } } }] },
      { id: 'deleted', docs: [{ ok: { _id: 'deleted', _rev: `2-${y}`, _deleted: true, _revisions: { start: 2, ids: [y, x] } } }] },
    ]));
  });

  it("answers _bulk_get in request order (embedded server: grouped per document, in the order each was first asked for, and the revisions of one document in any order — PouchDB's bulkGet)", async function () {
    const res = await bulkGet([{ id: 'two-leaves', rev: `1-${f}` }, { id: 'one-leaf', rev: `1-${c}` }, { id: 'two-leaves', rev: `2-${b}` }]);
    const answered = okRevs(res.body.results);
    if (server.vendor === 'embedded') {
      expect(answered.map(([id]) => id)).to.deep.equal(['two-leaves', 'two-leaves', 'one-leaf']);
      expect(answered.map(([, rev]) => rev).slice(0, 2).sort()).to.deep.equal([`1-${f}`, `2-${b}`]);
    } else {
      expect(answered).to.deep.equal([['two-leaves', `1-${f}`], ['one-leaf', `1-${c}`], ['two-leaves', `2-${b}`]]);
    }
  });

  it("answers a missing document or revision in _bulk_get with an {error} entry in its place (embedded server: {} for a missing document, {missing: rev} for a missing revision — PouchDB's bulkGet; read only the ok entries)", async function () {
    const res = await bulkGet([{ id: 'one-leaf', rev: `1-${c}` }, { id: 'nowhere' }, { id: 'two-leaves', rev: `3-${c}` }]);
    const results = res.body.results;
    expect(okRevs(results)).to.deep.equal([['one-leaf', `1-${c}`], ['nowhere', null], ['two-leaves', null]]);
    const missing = [results[1]!.docs, results[2]!.docs];
    if (server.vendor === 'embedded') {
      expect(missing).to.deep.equal([[{}], [{ missing: `3-${c}` }]]);
    } else {
      expect(missing).to.deep.equal([
        [{ error: { id: 'nowhere', rev: 'undefined', error: 'not_found', reason: 'missing' } }],
        [{ error: { id: 'two-leaves', rev: `3-${c}`, error: 'not_found', reason: 'missing' } }],
      ]);
    }
  });

  it("answers _bulk_get for an id without rev with every leaf (embedded server: with the winner only, and not at all beside a request for a rev of that id — PouchDB's bulkGet; ask with revs, as replication and the resolver do)", async function () {
    const alone = await bulkGet([{ id: 'two-leaves' }]);
    const beside = await bulkGet([{ id: 'two-leaves', rev: `1-${f}` }, { id: 'two-leaves' }]);
    if (server.vendor === 'embedded') {
      expect(okRevs(alone.body.results)).to.deep.equal([['two-leaves', `2-${b}`]]);
      expect(okRevs(beside.body.results)).to.deep.equal([['two-leaves', `1-${f}`]]);
    } else {
      expect(alone.body.results.map((r) => [r.id, r.docs.map((d) => d.ok?._rev).sort()])).to.deep.equal([['two-leaves', [`1-${f}`, `2-${b}`]]]);
      expect(beside.body.results.map((r) => [r.id, r.docs.map((d) => d.ok?._rev).sort()])).to.deep.equal([['two-leaves', [`1-${f}`]], ['two-leaves', [`1-${f}`, `2-${b}`]]]);
    }
  });

  it('answers _bulk_get?latest=true for a revision replaced since with the leaf it leads to, with its history, a tombstone as deleted', async function () {
    const res = await server.asAdmin<{ results: Array<{ id: string; docs: BulkGetDoc[] }> }>('POST', `/${db}/_bulk_get?revs=true&latest=true`, {
      body: { docs: [{ id: 'two-leaves', rev: `1-${a}` }, { id: 'deleted', rev: `1-${x}` }, { id: 'one-leaf', rev: `1-${c}` }] },
    });
    expect(res.status).to.equal(200);
    expect(res.body.results.map((r) => [r.id, r.docs.map((d) => d.ok)])).to.deep.equal([
      ['two-leaves', [{ _id: 'two-leaves', _rev: `2-${b}`, v: 'b', _revisions: { start: 2, ids: [b, a] } }]],
      ['deleted', [{ _id: 'deleted', _rev: `2-${y}`, _deleted: true, _revisions: { start: 2, ids: [y, x] } }]],
      ['one-leaf', [{ _id: 'one-leaf', _rev: `1-${c}`, v: 'c', _revisions: { start: 1, ids: [c] } }]],
    ]);
  });

  it('reads every leaf with its history through GET ?open_revs=all&revs=true', async function () {
    const res = await server.asAdmin<Array<{ ok: { _rev: string; _revisions: unknown } }>>('GET', `/${db}/two-leaves?open_revs=all&revs=true`);
    expect(res.status).to.equal(200);
    const leaves = res.body.map((r) => [r.ok._rev, r.ok._revisions]).sort();
    expect(leaves).to.deep.equal([[`1-${f}`, { start: 1, ids: [f] }], [`2-${b}`, { start: 2, ids: [b, a] }]]);
  });

  it("answers _revs_diff with the revisions it lacks, per document, and leaves out documents it has whole (embedded server: also names an ancestor it holds without a body, 1-a — PouchDB's revsDiff counts only available revisions)", async function () {
    const res = await server.asAdmin('POST', `/${db}/_revs_diff`, {
      body: { 'two-leaves': [`2-${b}`, `3-${c}`, `1-${a}`], 'one-leaf': [`1-${c}`], elsewhere: [`1-${x}`] },
    });
    expect(res.status).to.equal(200);
    expect(Object.keys(res.body).sort()).to.deep.equal(['elsewhere', 'two-leaves']);
    expect([...res.body['two-leaves'].missing].sort()).to.deep.equal(server.vendor === 'embedded' ? [`1-${a}`, `3-${c}`] : [`3-${c}`]);
    expect(res.body.elsewhere.missing).to.deep.equal([`1-${x}`]);
  });

  it('answers _all_docs with keys one row per key, in key order: the winning rev, not_found, or deleted (embedded server: the deleted row also carries doc: null)', async function () {
    const res = await server.asAdmin<{ rows: unknown[] }>('POST', `/${db}/_all_docs`, { body: { keys: ['one-leaf', 'nowhere', 'two-leaves', 'deleted'] } });
    expect(res.status).to.equal(200);
    expect(res.body.rows).to.deep.equal([
      { id: 'one-leaf', key: 'one-leaf', value: { rev: `1-${c}` } },
      { key: 'nowhere', error: 'not_found' },
      { id: 'two-leaves', key: 'two-leaves', value: { rev: `2-${b}` } },
      { id: 'deleted', key: 'deleted', value: { rev: `2-${y}`, deleted: true }, ...(server.vendor === 'embedded' ? { doc: null } : {}) },
    ]);
  });

  it('lists every leaf in _changes?style=all_docs, the winner first, and include_docs gives the winner', async function () {
    const res = await server.asAdmin<{ results: Array<{ id: string; changes: Array<{ rev: string }>; doc: Record<string, unknown>; deleted?: boolean }> }>(
      'GET', `/${db}/_changes?style=all_docs&include_docs=true`);
    expect(res.status).to.equal(200);
    const byId = Object.fromEntries(res.body.results.map((r) => [r.id, r]));
    expect(Object.keys(byId).sort()).to.deep.equal(['deleted', 'one-leaf', 'two-leaves']);
    expect(byId['two-leaves']!.changes[0]).to.deep.equal({ rev: `2-${b}` });
    expect(byId['two-leaves']!.changes.map((ch) => ch.rev).sort()).to.deep.equal([`1-${f}`, `2-${b}`]);
    expect(byId['two-leaves']!.doc).to.deep.equal({ _id: 'two-leaves', _rev: `2-${b}`, v: 'b' });
    expect(byId['one-leaf']!.changes).to.deep.equal([{ rev: `1-${c}` }]);
    expect(byId.deleted).to.deep.include({ deleted: true, changes: [{ rev: `2-${y}` }] });
    expect(byId.deleted!.doc).to.deep.equal({ _id: 'deleted', _rev: `2-${y}`, _deleted: true });
  });

  it('lists only the winner in _changes without style=all_docs', async function () {
    const res = await server.asAdmin<{ results: Array<{ id: string; changes: Array<{ rev: string }> }> }>('GET', `/${db}/_changes`);
    const twoLeaves = res.body.results.find((r) => r.id === 'two-leaves');
    expect(twoLeaves?.changes).to.deep.equal([{ rev: `2-${b}` }]);
  });
});
