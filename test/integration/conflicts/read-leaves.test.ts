// What the resolver reads as a document's leaves when the feed named them: the revisions as they
// stand now (a change read again after its conflict was settled is not settled and audited
// again), and never fewer leaves than there are (a revision the server could not read fails the
// batch, which the feed retries; one it does not know sends the document to a whole read).
// On the embedded server and on COUCHDB_URL.
import { expect } from 'chai';
import type Nano from 'nano';
import { resolveDocuments } from '../../../central/conflicts/index.js';
import { readLeavesMany } from '../../../central/conflicts/read-leaves.js';
import type { BulkGetEntry } from '../../../central/couch/bulk-get-entry.js';
import type { CentralDeps } from '../../../central/central-deps.js';
import { isProntoError } from '../../../validators/index.js';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { customerConflict as makeCustomerConflict, entriesNaming, resolverDeps } from '../../helpers/resolver-fixture.js';
import { conflictsOf } from '../../helpers/conflicts.js';

type BulkGetAnswer = { results: Array<{ id: string; docs: Array<BulkGetEntry<{ _rev: string }>> }> };

describe('reading the leaves the feed named (integration)', function () {
  this.timeout(120_000);
  let couch: TestCouch;
  let deps: CentralDeps;

  before(async function () {
    couch = await startTestCouch();
    // A lease of 0: any record found again is taken over at once, so a conflict settled twice shows.
    deps = resolverDeps(couch.nano);
  });
  after(async function () {
    await couch?.stop();
  });

  const customerConflict = () => makeCustomerConflict(couch.nano);
  const entries = async (docId: string) => (await entriesNaming(couch.nano, docId)).map((e) => e.action);
  /** deps whose `_bulk_get` answers come back with the first revision's entry replaced, as a faulty server's would. */
  function answering(entry: (id: string, rev: string) => BulkGetEntry<{ _rev: string }>): CentralDeps {
    const nano = new Proxy(couch.nano, { get: (target, prop) => prop !== 'request' ? Reflect.get(target, prop) : async (opts: { path?: string }) => {
      const answer = await target.request(opts as never) as BulkGetAnswer;
      if (opts.path !== '_bulk_get') return answer;
      const [first] = answer.results;
      const ok = first?.docs[0];
      if (first && ok && 'ok' in ok) first.docs[0] = entry(first.id, ok.ok._rev);
      return answer;
    } }) as Nano.ServerScope;
    return { ...deps, nano };
  }

  it('does not settle and audit again a conflict it settled when the change is read again with its old revisions', async function () {
    const { id, revs } = await customerConflict();
    expect(await resolveDocuments(deps, 'customers', [{ id, revs }])).to.deep.equal(['resolved']);
    expect(await entries(id)).to.deep.equal(['conflict.resolving', 'conflict.resolved']);

    // The pending set, or a conflicts view read on a lagging copy, names the leaves the conflict had.
    expect(await resolveDocuments(deps, 'customers', [{ id, revs }])).to.deep.equal(['none']);
    expect(await entries(id), 'audited once').to.deep.equal(['conflict.resolving', 'conflict.resolved']);
    const leaves = (await readLeavesMany(couch.nano, 'customers', [{ id, revs }])).get(id)!;
    expect(leaves.filter((l) => !l.deleted), 'one live leaf, the resolution').to.have.length(1);
  });

  it('fails the batch, deciding nothing, when the server answers a revision with an error', async function () {
    const { id, revs } = await customerConflict();
    const failing = answering((doc, rev) => ({ error: { id: doc, rev, error: 'internal_fabric_error', reason: 'timeout' } }));
    let error: unknown;
    await resolveDocuments(failing, 'customers', [{ id, revs }]).catch((err: unknown) => { error = err; });
    expect(isProntoError(error) && error.code, 'a typed error').to.equal('COUCH_ERROR');
    expect((error as Error).message).to.include(id).and.include('internal_fabric_error');
    expect(await conflictsOf(couch.nano, 'customers', id), 'still conflicted').to.have.length(1);
    expect(await entries(id), 'nothing audited').to.deep.equal([]);

    expect(await resolveDocuments(deps, 'customers', [{ id, revs }]), 'settled when read again').to.deep.equal(['resolved']);
  });

  it('reads the whole document when the server does not know a revision the feed named', async function () {
    const { id, revs } = await customerConflict();
    const lagging = answering((doc, rev) => ({ error: { id: doc, rev, error: 'not_found', reason: 'missing' } }));
    expect(await resolveDocuments(lagging, 'customers', [{ id, revs }])).to.deep.equal(['resolved']);
    const records = await couch.nano.use('audit').list({ startkey: `conflict:customers:${id}:`, endkey: `conflict:customers:${id};`, include_docs: true });
    expect(records.rows.map((r) => (r.doc as unknown as { revisions: string[] }).revisions), 'decided on both leaves').to.deep.equal([[...revs].sort()]);
  });
});
