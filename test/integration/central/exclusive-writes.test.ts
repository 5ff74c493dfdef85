// exclusiveBulk and exclusiveInsert (central/couch/exclusive-writes.ts): of several writers
// updating, deleting or creating one document at once, exactly one is told it won — on the embedded server and a
// single CouchDB node (the other writes are refused), and on a cluster (where they can all be
// acknowledged, and the read-back from every copy decides). Conflict records and quarantine flags
// rely on it: each is audited by the one writer that won.
import { expect } from 'chai';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { CENTRAL_DATABASES } from '../../../central/setup/central-databases.js';
import { copiesOf, exclusiveBulk, exclusiveInsert } from '../../../central/couch/exclusive-writes.js';

// Through one node of a 3-node cluster about 1 race in 60 leaves two revisions without the
// read-back (conformance/cluster.test.ts): enough races that this test fails without it.
const RACES = 200;

describe('central/couch/exclusive-writes (integration)', function () {
  this.timeout(120_000);
  let couch: TestCouch;
  // A database setup made, with no design doc to refuse the test's documents (the embedded
  // server creates only the databases Pronto uses).
  const db = CENTRAL_DATABASES.checkpoints;

  before(async function () { couch = await startTestCouch(); });
  after(async function () { await couch?.stop(); });

  it('tells exactly one of three racing writers it won, again and again, and the winner is the revision stored', async function () {
    const n = await copiesOf(couch.nano, db);
    for (let race = 0; race < RACES; race++) {
      const id = `exclusive-test:updated-${race}`;
      const { rev } = await couch.nano.use(db).insert({ _id: id, v: 0 } as never);
      const results = await Promise.all([1, 2, 3].map((writer) => exclusiveBulk(couch.nano, db, [{ _id: id, _rev: rev, v: writer }], 'test')));
      const won = results.flat().filter((r) => !r.error);
      expect(won, `race ${race}`).to.have.length(1);
      // Read from every copy: one that has not yet received the winner would show the other leaf.
      const stored = await couch.nano.use(db).get(id, { r: n } as never) as { _rev: string };
      expect(stored._rev, `race ${race}: the winner is what CouchDB shows`).to.equal(won[0]!.rev);
      await expectNoLiveConflict(id, n, race);
    }
  });

  it('tells exactly one of three writers creating one id at once it created it', async function () {
    const n = await copiesOf(couch.nano, db);
    for (let race = 0; race < RACES; race++) {
      const id = `exclusive-test:created-${race}`;
      const results = await Promise.all([1, 2, 3].map((writer) => exclusiveBulk(couch.nano, db, [{ _id: id, writer }], 'test')));
      expect(results.flat().filter((r) => !r.error), `race ${race}`).to.have.length(1);
      await expectNoLiveConflict(id, n, race);
    }
  });

  it('exclusiveInsert: one of three writers wins an update, a deletion or a create, one of two deleters wins; the others get CouchDB\'s 409', async function () {
    const n = await copiesOf(couch.nano, db);
    const outcome = (p: Promise<{ rev: string }>) => p.then((r) => r.rev, (err: { statusCode?: number }) => {
      if (err.statusCode !== 409) throw err;
      return 409 as const;
    });
    for (let race = 0; race < RACES / 2; race++) {
      const updated = `exclusive-test:insert-updated-${race}`;
      const { rev } = await couch.nano.use(db).insert({ _id: updated, v: 0 } as never);
      const updates = await Promise.all([1, 2, 3].map((v) => outcome(v === 3
        ? exclusiveInsert(couch.nano, db, { _id: updated, _rev: rev, _deleted: true })
        : exclusiveInsert(couch.nano, db, { _id: updated, _rev: rev, v } as never))));
      expect(updates.filter((r) => r !== 409), `race ${race}: ${updates.join(', ')}`).to.have.length(1);
      await expectNoLiveConflict(updated, n, race);

      // Two deletions of one `_rev`: the same tombstone but for its writer's nonce (exclusiveInsert).
      const deleted = `exclusive-test:insert-deleted-${race}`;
      const base = await couch.nano.use(db).insert({ _id: deleted, v: 0 } as never);
      const deletions = await Promise.all([1, 2].map(() => outcome(exclusiveInsert(couch.nano, db, { _id: deleted, _rev: base.rev, _deleted: true }))));
      expect(deletions.filter((r) => r !== 409), `race ${race}: ${deletions.join(', ')}`).to.have.length(1);

      const created = `exclusive-test:insert-created-${race}`;
      const creates = await Promise.all([1, 2, 3].map((writer) => outcome(exclusiveInsert(couch.nano, db, { _id: created, writer } as never))));
      expect(creates.filter((r) => r !== 409), `race ${race}: ${creates.join(', ')}`).to.have.length(1);
      await expectNoLiveConflict(created, n, race);
    }
  });

  /** Every copy read: the document has no live revision besides its winner. */
  async function expectNoLiveConflict(id: string, n: number, race: number): Promise<void> {
    const stored = await couch.nano.use(db).get(id, { r: n, conflicts: true } as never).catch((err: { statusCode?: number }) => {
      if (err.statusCode === 404) return {}; // the deletion won
      throw err;
    }) as { _conflicts?: string[] };
    expect(stored._conflicts ?? [], `race ${race}: ${id} keeps a losing revision`).to.deep.equal([]);
  }
});
