// What the resolver reads as a document's leaves when the feed named them: the revisions as they
// stand now (a change read again after its conflict was settled is not settled and audited
// again), and never fewer leaves than there are (a revision the server could not read fails the
// batch, which the feed retries; one it does not know sends the document to a whole read).
// On the embedded server and on COUCHDB_URL.
import { expect } from 'chai';
import { pino } from 'pino';
import type Nano from 'nano';
import { createCentralClock } from '../../../central/central-clock.js';
import { createEventBus } from '../../../central/events/event-bus.js';
import { createPolicyStore, resolveDocuments } from '../../../central/conflicts/index.js';
import { readLeavesMany } from '../../../central/conflicts/read-leaves.js';
import type { BulkGetEntry } from '../../../central/couch/bulk-get-entry.js';
import type { CentralDeps } from '../../../central/central-deps.js';
import { isProntoError } from '../../../validators/index.js';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { testAudit } from '../../helpers/test-audit.js';
import { conflictsOf, makeConflict } from '../../helpers/conflicts.js';

const at = (minute: number, node: string) => `2026-11-24T10:${String(minute).padStart(2, '0')}:00.000Z-0000-${node}`;
let n = 0;

type BulkGetAnswer = { results: Array<{ id: string; docs: Array<BulkGetEntry<{ _rev: string }>> }> };

describe('reading the leaves the feed named (integration)', function () {
  this.timeout(120_000);
  let couch: TestCouch;
  let deps: CentralDeps;

  before(async function () {
    couch = await startTestCouch();
    const policies = createPolicyStore(couch.nano);
    // A lease of 0: any record found again is taken over at once, so a conflict settled twice shows.
    deps = { nano: couch.nano, clock: createCentralClock(), bus: createEventBus(), audit: testAudit(couch.nano), log: pino({ level: 'silent' }),
      policy: () => policies.get(), recordLeaseMs: 0 };
  });
  after(async function () {
    await couch?.stop();
  });

  async function customerConflict(): Promise<{ id: string; revs: string[] }> {
    const id = `customer:00000000-0000-4000-8000-${String(++n).padStart(12, '1')}`;
    const base = { _id: id, type: 'customer', name: 'Ana', updatedAt: at(0, 'central'), updatedBy: 'central' };
    await couch.nano.use('customers').insert(base as never);
    const revs = await makeConflict(couch.nano, 'customers', id, [{ ...base, name: 'Ana M.', updatedAt: at(1, 's1.pos1') }, { ...base, name: 'Anita', updatedAt: at(2, 's2.pos1') }]);
    return { id, revs };
  }
  async function entries(docId: string): Promise<string[]> {
    const res = await couch.nano.use('audit').list({ startkey: 'audit:', endkey: 'audit;', include_docs: true });
    return res.rows.map((r) => r.doc as unknown as { action: string; details?: unknown }).filter((e) => JSON.stringify(e.details ?? {}).includes(docId)).map((e) => e.action);
  }
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
