// The winning revision (https://docs.couchdb.org/en/stable/replication/conflicts.html): every
// replica picks the same one from the leaves alone — a live leaf beats a deleted one, then the
// higher generation (as a number), then the greater revision hash. `_conflicts` lists the other
// live leaves (deleted ones only show in `open_revs=all`); deleting the winner promotes the next.
// Each case is checked on the server, on a PouchDB replica pulled from it (a till), and against
// central's own couchWinner.
import { expect } from 'chai';
import { createNodePouch } from '../../store-client/index.js';
import { couchWinner } from '../../central/conflicts/couch-winner.js';
import { conformanceServer, type ConformanceServer } from './server.js';

const hash = (c: string) => c.repeat(32);

interface LeafSpec { rev: string; ids: string[]; deleted?: boolean }
const leaf = (gen: number, ...ids: string[]): LeafSpec => ({ rev: `${gen}-${ids[0]}`, ids });
const gone = (gen: number, ...ids: string[]): LeafSpec => ({ ...leaf(gen, ...ids), deleted: true });

interface Case { behaviour: string; leaves: LeafSpec[]; winner: string; conflicts: string[]; deletedLosers: string[] }

const [a, b, c, d, e, f, nine] = ['a', 'b', 'c', 'd', 'e', 'f', '9'].map(hash) as [string, string, string, string, string, string, string];

const CASES: Case[] = [
  { behaviour: 'the greater hash wins between two leaves of one generation', leaves: [leaf(1, a), leaf(1, f)], winner: `1-${f}`, conflicts: [`1-${a}`], deletedLosers: [] },
  { behaviour: 'hashes compare as strings: "a…" beats "9…"', leaves: [leaf(1, a), leaf(1, nine)], winner: `1-${a}`, conflicts: [`1-${nine}`], deletedLosers: [] },
  { behaviour: 'the higher generation wins over a greater hash', leaves: [leaf(2, b, a), leaf(1, f)], winner: `2-${b}`, conflicts: [`1-${f}`], deletedLosers: [] },
  { behaviour: 'generations compare as numbers: 10 beats 9', leaves: [leaf(10, a), leaf(9, f)], winner: `10-${a}`, conflicts: [`9-${f}`], deletedLosers: [] },
  { behaviour: 'a live leaf beats a deleted one of a higher generation', leaves: [leaf(1, a), gone(3, f, e, d)], winner: `1-${a}`, conflicts: [], deletedLosers: [`3-${f}`] },
  { behaviour: '_conflicts lists every losing live leaf', leaves: [leaf(1, a), leaf(1, c), leaf(2, b, a), leaf(1, f)], winner: `2-${b}`, conflicts: [`1-${c}`, `1-${f}`], deletedLosers: [] },
  { behaviour: 'among deleted leaves only, the same rule picks the (deleted) winner', leaves: [gone(2, b, a), gone(1, f)], winner: `2-${b}`, conflicts: [], deletedLosers: [`1-${f}`] },
];

interface WinnerView { winner: string; deleted: boolean; conflicts: string[]; deletedLosers: string[] }

describe('CouchDB conformance: the winning revision', function () {
  let server: ConformanceServer;
  let db: string;
  let copies = 1;
  const PouchDB = createNodePouch();

  before(async function () {
    server = await conformanceServer();
    db = await server.createDb('winning-revision');
    const docs = CASES.flatMap((cs, i) => cs.leaves.map((l) => ({
      _id: `case-${i}`, _rev: l.rev, _revisions: { start: Number(l.rev.split('-')[0]), ids: l.ids }, ...(l.deleted ? { _deleted: true } : { v: l.rev }),
    })));
    // Every write waits for every copy (w=n): on a cluster a read right after a quorum write may
    // meet a copy without some leaves and give a winner the others do not.
    copies = await server.copies(db);
    const res = await server.asAdmin('POST', `/${db}/_bulk_docs?w=${copies}`, { body: { docs, new_edits: false } });
    expect(res.status).to.equal(201);
  });
  after(async function () { await server?.cleanup(); });

  // The winner from `_all_docs` (it names a deleted winner too), `_conflicts` from GET, and the
  // deleted losers from GET ?open_revs=all (PouchDB has no deleted_conflicts option).
  type OpenRevs = Array<{ ok: { _rev: string; _deleted?: boolean } }>;
  function view(row: { value: { rev: string; deleted?: boolean } }, conflicts: unknown, leaves: OpenRevs): WinnerView {
    const winner = row.value.rev;
    return {
      winner,
      deleted: row.value.deleted === true,
      conflicts: [...((conflicts as string[] | undefined) ?? [])].sort(),
      deletedLosers: leaves.filter((l) => l.ok._deleted === true && l.ok._rev !== winner).map((l) => l.ok._rev).sort(),
    };
  }

  async function onServer(id: string): Promise<WinnerView> {
    const row = (await server.asAdmin('POST', `/${db}/_all_docs`, { body: { keys: [id] } })).body.rows[0];
    const doc = await server.asAdmin('GET', `/${db}/${id}?conflicts=true`);
    const leaves = await server.asAdmin<OpenRevs>('GET', `/${db}/${id}?open_revs=all`);
    return view(row, doc.status === 200 ? doc.body._conflicts : undefined, leaves.body);
  }

  async function onReplica(id: string): Promise<WinnerView> {
    const remote = new PouchDB(`${server.url}/${db}`, { auth: { username: server.admin.username, password: server.admin.password } });
    const local = new PouchDB(`conformance-winner-${id}-${Date.now()}`, { adapter: 'memory' });
    try {
      await local.replicate.from(remote, { doc_ids: [id] });
      const row = (await local.allDocs({ keys: [id] })).rows[0] as { value: { rev: string; deleted?: boolean } };
      const doc = await local.get<Record<string, unknown>>(id, { conflicts: true }).catch(() => ({} as Record<string, unknown>));
      const leaves = (await local.get(id, { open_revs: 'all' })) as unknown as OpenRevs;
      return view(row, doc._conflicts, leaves);
    } finally {
      await local.destroy();
      await remote.close();
    }
  }

  CASES.forEach((cs, i) => {
    it(`${cs.behaviour}, on the server, on a PouchDB replica and in central's couchWinner`, async function () {
      const expected: WinnerView = { winner: cs.winner, deleted: cs.leaves.every((l) => l.deleted), conflicts: cs.conflicts, deletedLosers: cs.deletedLosers };
      expect(await onServer(`case-${i}`), 'server').to.deep.equal(expected);
      expect(await onReplica(`case-${i}`), 'PouchDB replica').to.deep.equal(expected);
      expect(couchWinner(cs.leaves.map((l) => ({ rev: l.rev, deleted: l.deleted === true, body: {} }))).rev, 'couchWinner').to.equal(cs.winner);
    });
  });

  it('answers GET of a document whose leaves are all deleted with 404 not_found, reason "deleted" (embedded server: reason "missing")', async function () {
    const i = CASES.findIndex((cs) => cs.leaves.every((l) => l.deleted));
    const res = await server.asAdmin('GET', `/${db}/case-${i}`);
    expect([res.status, res.body]).to.deep.equal([404, { error: 'not_found', reason: server.vendor === 'embedded' ? 'missing' : 'deleted' }]);
  });

  it('promotes the next leaf when the winner is deleted, and keeps the deletion as a deleted leaf', async function () {
    const id = 'promote';
    await server.asAdmin('POST', `/${db}/_bulk_docs?w=${copies}`, { body: { new_edits: false, docs: [a, c, f].map((h) => ({ _id: id, _rev: `1-${h}`, _revisions: { start: 1, ids: [h] }, v: h[0] })) } });
    const del = await server.asAdmin('DELETE', `/${db}/${id}?rev=1-${f}&w=${copies}`);
    expect(del.status).to.equal(200);
    const after = await onServer(id);
    expect(after).to.deep.include({ winner: `1-${c}`, deleted: false, conflicts: [`1-${a}`] });
    expect(after.deletedLosers).to.have.length(1).and.to.satisfy((revs: string[]) => revs[0]!.startsWith('2-'));
    expect((await server.asAdmin('GET', `/${db}/${id}`)).body).to.deep.include({ _rev: `1-${c}`, v: 'c' });
  });
});
