// The audit trail tells what happened, in the order it happened: an automatic resolution is
// audited as an intent before its write and as an outcome after it; a failed write leaves an
// intent and no outcome, and the orphan is finished (and confirmed) later. A manual resolution
// closes its record first: two admins at once get one resolution and one CONFLICT, and a record
// closed by a request that died before writing is finished by the next one.
import { expect } from 'chai';
import type Nano from 'nano';
import { createPolicyStore, resolveDocuments, resolveManually } from '../../../central/conflicts/index.js';
import type { CentralDeps } from '../../../central/central-deps.js';
import { isProntoError } from '../../../validators/index.js';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { customerConflict as makeCustomerConflict, entriesNaming, resolverDeps } from '../../helpers/resolver-fixture.js';
import { conflictsOf } from '../../helpers/conflicts.js';

describe('audit honesty of resolutions (integration)', function () {
  this.timeout(120_000);
  let couch: TestCouch;
  let deps: CentralDeps;

  before(async function () {
    couch = await startTestCouch();
    deps = resolverDeps(couch.nano);
  });
  after(async function () {
    await couch?.stop();
  });

  const customerConflict = () => makeCustomerConflict(couch.nano);
  const entries = (docId: string) => entriesNaming(couch.nano, docId);
  /** deps whose `_bulk_docs` with new_edits:false into `db` fails once, as a CouchDB gone mid-write would. */
  function failingWrite(db: string): CentralDeps {
    let failed = false;
    const nano = new Proxy(couch.nano, { get: (target, prop) => prop !== 'use' ? Reflect.get(target, prop) : (name: string) => {
      const scope = target.use(name);
      return new Proxy(scope, { get: (s, p) => p !== 'bulk' || name !== db ? Reflect.get(s, p) : async (body: { new_edits?: boolean }) => {
        if (body.new_edits === false && !failed) { failed = true; throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }); }
        return s.bulk(body as never);
      } });
    } }) as Nano.ServerScope;
    return { ...deps, nano };
  }

  it('audits a resolution as an intent before the write and an outcome after it', async function () {
    const { id } = await customerConflict();
    expect(await resolveDocuments(deps, 'customers', [{ id }])).to.deep.equal(['resolved']);
    const trail = await entries(id);
    expect(trail.map((e) => e.action)).to.deep.equal(['conflict.resolving', 'conflict.resolved']);
    expect(trail[1]!.details.intents).to.deep.equal([trail[0]!.seq]);
  });

  it('leaves an intent without an outcome when the write fails, and confirms the orphan once it is written', async function () {
    const { id } = await customerConflict();
    let error: unknown;
    await resolveDocuments(failingWrite('customers'), 'customers', [{ id }]).catch((err: unknown) => { error = err; });
    expect(error, 'the write failed').to.be.instanceOf(Error);
    expect(await conflictsOf(couch.nano, 'customers', id), 'still conflicted').to.have.length(1);
    expect((await entries(id)).map((e) => e.action), 'no outcome claimed').to.deep.equal(['conflict.resolving']);

    expect(await resolveDocuments(deps, 'customers', [{ id }])).to.deep.equal(['resolved']);
    const trail = await entries(id);
    expect(trail.map((e) => e.action)).to.deep.equal(['conflict.resolving', 'conflict.resolved']);
    expect(trail[1]!.details.intents).to.deep.equal([trail[0]!.seq]);
    expect(trail[1]!.details.conflicts[0]).to.include({ docId: id, recovered: true });
  });

  async function records(docId: string): Promise<Array<{ _rev: string; auditSeq?: number }>> {
    const res = await couch.nano.use('audit').list({ startkey: `conflict:customers:${docId}:`, endkey: `conflict:customers:${docId};`, include_docs: true });
    return res.rows.map((r) => r.doc as never);
  }

  it('writes a resolution\'s record twice: created, then confirmed with its intent after the document', async function () {
    const { id } = await customerConflict();
    expect(await resolveDocuments(deps, 'customers', [{ id }])).to.deep.equal(['resolved']);
    const [intent] = await entries(id);
    const [record] = await records(id);
    expect(record!._rev, 'no separate "audited" mark').to.match(/^2-/);
    expect(record!.auditSeq, 'confirmed with its intent').to.equal(intent!.seq);
  });

  it('audits the intent of a record whose creator died before auditing it, once, then its outcome', async function () {
    const { id } = await customerConflict();
    let failed = false;
    const dying: CentralDeps = { ...deps, audit: { ...deps.audit, append: async (input) => {
      if (!failed) { failed = true; throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }); }
      return deps.audit.append(input);
    } } };
    let error: unknown;
    await resolveDocuments(dying, 'customers', [{ id }]).catch((err: unknown) => { error = err; });
    expect(error, 'the intent failed').to.be.instanceOf(Error);
    expect(await records(id), 'the record was created').to.have.length(1);
    expect(await entries(id), 'nothing audited').to.deep.equal([]);

    expect(await resolveDocuments(deps, 'customers', [{ id }])).to.deep.equal(['resolved']);
    const trail = await entries(id);
    expect(trail.map((e) => e.action)).to.deep.equal(['conflict.resolving', 'conflict.resolved']);
    expect(trail[1]!.details.intents).to.deep.equal([trail[0]!.seq]);
    expect(trail[1]!.details.conflicts[0]).to.not.have.property('recovered');
  });

  it('gives a resolution whose creator is slower than the lease one outcome, by whoever confirms it first', async function () {
    const { id } = await customerConflict();
    let release!: () => void;
    const released = new Promise<void>((resolve) => { release = resolve; });
    let paused!: () => void;
    const pausing = new Promise<void>((resolve) => { paused = resolve; });
    const nano = new Proxy(couch.nano, { get: (target, prop) => prop !== 'use' ? Reflect.get(target, prop) : (name: string) => {
      const scope = target.use(name);
      return new Proxy(scope, { get: (sc, p) => p !== 'bulk' || name !== 'customers' ? Reflect.get(sc, p) : async (body: { new_edits?: boolean }) => {
        if (body.new_edits === false) { paused(); await released; }
        return sc.bulk(body as never);
      } });
    } }) as Nano.ServerScope;
    const slow = resolveDocuments({ ...deps, nano }, 'customers', [{ id }]);
    await pausing;
    expect(await resolveDocuments(deps, 'customers', [{ id }]), 'the claimant finishes it').to.deep.equal(['resolved']);
    release();
    await slow;
    const trail = await entries(id);
    expect(trail.map((e) => e.action), 'one intent, one outcome').to.deep.equal(['conflict.resolving', 'conflict.resolved']);
    expect(trail[1]!.details.intents).to.deep.equal([trail[0]!.seq]);
    expect(trail[1]!.details.conflicts[0]).to.include({ docId: id, recovered: true });
    expect(await conflictsOf(couch.nano, 'customers', id)).to.deep.equal([]);
  });

  describe('manual resolution', () => {
    before(async function () {
      await createPolicyStore(couch.nano).put({ default: 'manual' }, 'admin', deps.clock.next());
    });
    after(async function () {
      await createPolicyStore(couch.nano).put({ default: 'lww' }, 'admin', deps.clock.next());
    });

    async function queued(): Promise<{ id: string; revs: string[]; record: string }> {
      const c = await customerConflict();
      const manual = { ...deps, policy: async () => ({ default: 'manual' as const }) };
      expect(await resolveDocuments(manual, 'customers', [{ id: c.id }])).to.deep.equal(['queued']);
      const records = await couch.nano.use('audit').list({ startkey: `conflict:customers:${c.id}:`, endkey: `conflict:customers:${c.id};` });
      return { ...c, record: records.rows[0]!.id };
    }

    it('gives two admins at once one resolution and one CONFLICT, and writes only the winner', async function () {
      const { id, revs, record } = await queued();
      const results = await Promise.allSettled([
        resolveManually(deps, record, { rev: revs[0]! }, 'ana'),
        resolveManually(deps, record, { rev: revs[1]! }, 'beto'),
      ]);
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      expect(won, 'exactly one admin wins').to.have.length(1);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(isProntoError(lost.reason) && lost.reason.code).to.equal('CONFLICT');
      const doc = (await couch.nano.use('customers').get(id, { conflicts: true } as never)) as { _rev: string; _conflicts?: string[] };
      expect(doc._rev, "the winner's pick is the document").to.equal(revs[won[0]!]);
      expect(doc._conflicts ?? []).to.deep.equal([]);
      const closed = (await couch.nano.use('audit').get(record)) as any;
      expect(closed).to.include({ status: 'resolved', winner: revs[won[0]!], resolvedBy: won[0] === 0 ? 'ana' : 'beto' });
      expect((await entries(record)).filter((e) => e.action === 'conflict.resolved'), 'audited once').to.have.length(1);
    });

    it('settles a record the feed wrote again while the admin resolved it (its confirmation): once more, over what is stored', async function () {
      const { id, revs, record } = await queued();
      // deps whose first write of the record is preceded by another write of it, still pending: the feed's confirmation.
      let confirmed = false;
      const nano = new Proxy(couch.nano, { get: (target, prop) => prop !== 'use' ? Reflect.get(target, prop) : (name: string) => {
        const scope = target.use(name);
        return new Proxy(scope, { get: (sc, p) => p !== 'insert' || name !== 'audit' ? Reflect.get(sc, p) : async (doc: { _id?: string }, ...rest: unknown[]) => {
          if (doc._id === record && !confirmed) {
            confirmed = true;
            const stored = (await sc.get(record)) as unknown as Record<string, unknown>;
            await sc.insert({ ...stored, updatedAt: deps.clock.next() } as never);
          }
          return sc.insert(doc as never, ...(rest as []));
        } });
      } }) as Nano.ServerScope;
      const closed = await resolveManually({ ...deps, nano }, record, { rev: revs[1]! }, 'ana');
      expect(confirmed, 'the record was written meanwhile').to.equal(true);
      expect(closed).to.include({ status: 'resolved', winner: revs[1], resolvedBy: 'ana' });
      const doc = (await couch.nano.use('customers').get(id, { conflicts: true } as never)) as { _rev: string; _conflicts?: string[] };
      expect([doc._rev, doc._conflicts ?? []]).to.deep.equal([revs[1], []]);
      expect((await entries(record)).filter((e) => e.action === 'conflict.resolved'), 'audited once').to.have.length(1);
    });

    it('answers CONFLICT, not a bad request, when the revision picked from the record is gone since (settled meanwhile)', async function () {
      const { id, revs, record } = await queued();
      const res = (await couch.nano.use('customers').bulk({ docs: [{ _id: id, _rev: revs[0]!, _deleted: true }] as never[] })) as Array<{ error?: string }>;
      expect(res[0]!.error, 'the leaf deleted meanwhile').to.equal(undefined);
      const err = await resolveManually(deps, record, { rev: revs[0]! }, 'ana').then(() => undefined, (e: unknown) => e);
      expect(isProntoError(err) && err.code).to.equal('CONFLICT');
      const other = await resolveManually(deps, record, { rev: '9-notarevision' }, 'ana').then(() => undefined, (e: unknown) => e);
      expect(isProntoError(other) && other.code, 'a revision the record never had').to.equal('BAD_REQUEST');
      expect(((await couch.nano.use('audit').get(record)) as any).status, 'still queued').to.equal('pending');
    });

    it('reopens the record when the write fails, so nothing claims a resolution that did not happen', async function () {
      const { id, revs, record } = await queued();
      let error: unknown;
      await resolveManually(failingWrite('customers'), record, { rev: revs[0]! }, 'ana').catch((err: unknown) => { error = err; });
      expect(error).to.be.instanceOf(Error);
      expect(((await couch.nano.use('audit').get(record)) as any).status).to.equal('pending');
      expect(await conflictsOf(couch.nano, 'customers', id)).to.have.length(1);
      expect((await entries(record)).filter((e) => e.action === 'conflict.resolved')).to.deep.equal([]);
      await resolveManually(deps, record, { rev: revs[0]! }, 'ana');
      expect(await conflictsOf(couch.nano, 'customers', id)).to.deep.equal([]);
    });

    it('finishes a record closed by a request that died before writing, with the choice it records', async function () {
      const { id, revs, record } = await queued();
      const doc = (await couch.nano.use('audit').get(record)) as any;
      const stamp = deps.clock.next();
      await couch.nano.use('audit').insert({ ...doc, status: 'resolved', resolution: 'manual-pick', winner: revs[1], result: {}, resolvedBy: 'ana', resolvedAt: stamp, updatedAt: stamp, updatedBy: 'ana' });
      await resolveManually(deps, record, { rev: revs[0]! }, 'beto');
      const now = (await couch.nano.use('customers').get(id, { conflicts: true } as never)) as { _rev: string; _conflicts?: string[] };
      expect(now._rev, 'the recorded choice, not the late one').to.equal(revs[1]);
      expect(now._conflicts ?? []).to.deep.equal([]);
      const confirmed = (await entries(record)).filter((e) => e.action === 'conflict.resolved');
      expect(confirmed.map((e) => e.details.recovered)).to.deep.equal([true]);
    });
  });
});
