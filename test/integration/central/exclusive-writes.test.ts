// exclusiveBulk (central/couch/exclusive-writes.ts): of several writers updating one `_rev` at
// once, or creating one id at once, exactly one is told it won — on the embedded server and a
// single CouchDB node (the other writes are refused), and on a cluster (where they can all be
// acknowledged, and the read-back from every copy decides). Conflict records and quarantine flags
// rely on it: each is audited by the one writer that won.
import { expect } from 'chai';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { CENTRAL_DATABASES } from '../../../central/setup/central-databases.js';
import { copiesOf, exclusiveBulk } from '../../../central/couch/exclusive-writes.js';

// Through one node of a 3-node cluster about 1 race in 60 leaves two revisions without the
// read-back (conformance/cluster.test.ts): enough races that this test fails without it.
const RACES = 200;

describe('exclusiveBulk (integration)', function () {
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
    }
  });

  it('tells exactly one of three writers creating one id at once it created it', async function () {
    for (let race = 0; race < RACES; race++) {
      const id = `exclusive-test:created-${race}`;
      const results = await Promise.all([1, 2, 3].map((writer) => exclusiveBulk(couch.nano, db, [{ _id: id, writer }], 'test')));
      expect(results.flat().filter((r) => !r.error), `race ${race}`).to.have.length(1);
    }
  });
});
