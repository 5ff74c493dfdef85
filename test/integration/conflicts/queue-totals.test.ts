// central/conflicts/queue-totals on a real embedded server: each total is the view's exact
// _count; new audit entries leave a remembered total standing (no second count), while any
// change to a conflict record — made through central or straight in the database — or too many
// changes at once make it count again. The count calls are seen through a thin wrapper over a
// real nano (nothing of CouchDB is simulated).
import { expect } from 'chai';
import type Nano from 'nano';
import { createQueueTotals } from '../../../central/conflicts/queue-totals.js';
import { conflictRange, parseConflictQuery } from '../../../central/http/conflict-query.js';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { onEveryCopy } from '../../helpers/every-copy.js';
import { testAudit } from '../../helpers/test-audit.js';

const stamp = (n: number) => `2026-11-20T10:00:${String(n % 60).padStart(2, '0')}.000Z-${n.toString(16).padStart(4, '0')}-central`;
const record = (n: number, status: 'pending' | 'resolved' = 'pending') => ({
  _id: `conflict:catalog:product:t${n}:${n.toString(16).padStart(16, '0')}`, type: 'conflict', db: 'catalog', docId: `product:t${n}`, status,
  strategy: 'manual', kind: 'revision', revisions: [`1-${'a'.repeat(32)}`, `1-${'b'.repeat(32)}`], detectedAt: stamp(n), updatedAt: stamp(n), updatedBy: 'central',
});
const range = (status: 'pending' | 'resolved', more: Record<string, string> = {}) => conflictRange(parseConflictQuery({ status, ...more }, { stores: null }));

describe('central/conflicts/queue-totals', function () {
  let couch: TestCouch;
  let counts = 0;
  /** Totals are remembered on the embedded server only (sequences are numbers); Apache CouchDB counts every time. */
  let remembers = true;
  /** Counts expected for `n` asks: `remembered` on the embedded server, one per ask on CouchDB. */
  const countsFor = (remembered: number, asks: number) => (remembers ? remembered : asks);
  /** The real server, with the view reads that reduce (the counts) tallied. */
  let nano: Nano.ServerScope;
  const audit = () => couch.nano.use<Record<string, unknown>>('audit');
  /** Records are written to every copy, as central writes them (exclusive-writes.ts, w=n): a view
   *  reads one copy of each shard, and two reads a moment apart could meet a copy with and one
   *  without a record written by the default quorum (2 of 3). */
  const everyCopy = () => onEveryCopy(couch.nano, 'audit');
  const exact = async (r: { startkey: unknown[]; endkey: unknown[] }) => ((await audit().view('pronto', 'conflict-queue', { ...r, descending: true, reduce: true })).rows[0]?.value as number | undefined) ?? 0;

  before(async function () {
    couch = await startTestCouch();
    nano = { ...couch.nano, use: (name: string) => {
      const db = couch.nano.use(name);
      return { ...db, view: ((design: string, view: string, params: { reduce?: boolean }) => {
        if (params.reduce !== false) counts += 1;
        return db.view(design, view, params);
      }) as typeof db.view };
    } } as Nano.ServerScope;
    await audit().bulk({ docs: Array.from({ length: 30 }, (_, i) => record(i, i % 3 === 0 ? 'resolved' : 'pending')) }, await everyCopy());
    remembers = typeof (await audit().info()).update_seq === 'number';
  });
  after(async function () {
    await couch?.stop();
  });

  it('answers each filter with its exact count, and counts a filter once while nothing changes', async function () {
    const totals = createQueueTotals(nano);
    counts = 0;
    for (const r of [range('pending'), range('resolved'), range('pending', { q: 'product:t1' })]) {
      expect(await totals.count(r)).to.equal(await exact(r)).and.to.be.greaterThan(0);
      expect(await totals.count(r)).to.equal(await exact(r));
    }
    expect(counts, 'one count per filter (CouchDB: per ask)').to.equal(countsFor(3, 6));
  });

  it('keeps a total through new audit entries, without counting again', async function () {
    const totals = createQueueTotals(nano);
    const pending = range('pending');
    const before = await totals.count(pending);
    counts = 0;
    const writer = testAudit(couch.nano);
    for (let i = 0; i < 5; i++) await writer.append({ actor: 'chain-admin', action: 'test.noted' });
    expect(await totals.count(pending)).to.equal(before).and.to.equal(await exact(pending));
    expect(counts).to.equal(countsFor(0, 1));
  });

  it('counts again after a conflict record is written or resolved straight in the database, so the total stays exact', async function () {
    const totals = createQueueTotals(nano);
    const [pending, resolved] = [range('pending'), range('resolved')];
    const was = { pending: await totals.count(pending), resolved: await totals.count(resolved) };
    await audit().insert(record(100), await everyCopy());
    expect(await totals.count(pending)).to.equal(was.pending + 1);
    const stored = await audit().get(record(100)._id);
    await audit().insert({ ...stored, status: 'resolved', resolution: 'keep-winner', resolvedBy: 'chain-admin', resolvedAt: stamp(101), updatedAt: stamp(101) }, await everyCopy());
    expect(await totals.count(pending)).to.equal(was.pending);
    expect(await totals.count(resolved)).to.equal(was.resolved + 1).and.to.equal(await exact(resolved));
  });

  it('counts again when more changes arrived than one check reads, then remembers from there on', async function () {
    const totals = createQueueTotals(nano, { changesLimit: 3 });
    const pending = range('pending');
    const before = await totals.count(pending);
    const writer = testAudit(couch.nano);
    for (let i = 0; i < 7; i++) await writer.append({ actor: 'chain-admin', action: 'test.noted' });
    counts = 0;
    expect(await totals.count(pending)).to.equal(before);
    expect(counts).to.equal(1);
    expect(await totals.count(pending)).to.equal(before);
    expect(counts, 'caught up with the database at once, not one check at a time').to.equal(countsFor(1, 2));
  });

  it('gives every concurrent caller the exact total while records arrive', async function () {
    const totals = createQueueTotals(nano);
    const pending = range('pending');
    for (let round = 0; round < 5; round++) {
      const [seen] = await Promise.all([Promise.all([1, 2, 3].map(() => totals.count(pending))), everyCopy().then((w) => audit().insert(record(200 + round), w))]);
      expect(await totals.count(pending)).to.equal(await exact(pending));
      for (const n of seen) expect(n).to.be.within(await exact(pending) - 1, await exact(pending));
    }
  });
});
