// Two resolvers at once over the same backlog, and a resolver process killed mid-backlog and
// restarted: every conflict ends settled exactly as the policy says, recorded once, with an
// unbroken audit chain and no new conflicts between the resolvers themselves.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { pino } from 'pino';
import { createCentralClock } from '../../../central/central-clock.js';
import { createEventBus } from '../../../central/events/event-bus.js';
import { testAudit, TEST_AUDIT_KEY } from '../../helpers/test-audit.js';
import { createPolicyStore } from '../../../central/conflicts/policy-store.js';
import { startFeed, type Feed } from '../../../central/feed/start-feed.js';
import { resolveLeaves } from '../../../central/conflicts/resolve-leaves.js';
import { readLeaves } from '../../../central/conflicts/read-leaves.js';
import { isCentralStamp } from '../../../central/conflicts/is-central-stamp.js';
import { defaultPolicy } from '../../../central/conflicts/default-policy.js';
import { auditHash, GENESIS_HASH } from '../../../central/audit/audit-hash.js';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { conflictedCount, makeConflicts } from '../../helpers/conflicts.js';
import { waitFor } from '../../helpers/wait-for.js';

const N = 150;
const stamp = (minute: number, node: string) => `2026-11-24T10:${String(minute).padStart(2, '0')}:00.000Z-0000-${node}`;
const uuid = (batch: number, i: number) => `${String(batch).padStart(8, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`;

describe('resolver concurrency (integration)', function () {
  this.timeout(180_000);
  let couch: TestCouch;
  const log = pino({ level: 'silent' });
  const resolvers: Feed[] = [];

  before(async () => { couch = await startTestCouch(); });
  afterEach(async () => { await Promise.all(resolvers.splice(0).map((r) => r.stop())); });
  after(async () => { await couch?.stop(); });

  // A short lease lets the kill test's survivor take the dead resolver's records over quickly.
  // Two live resolvers get the default: a record still being written (a batch takes seconds on a
  // loaded cluster) is not taken over, which is at-least-once by design (write-conflict-record.ts).
  const start = (recordLeaseMs = 1_000) => startFeed({
    recordLeaseMs,
    nano: couch.nano, couchUrl: couch.url, auth: couch.adminAuth, clock: createCentralClock(), bus: createEventBus(), log,
    policies: createPolicyStore(couch.nano), audit: testAudit(couch.nano), pollTimeoutMs: 2_000,
  }).then((r) => { resolvers.push(r); return r; });

  /** N customers, each with a three-way conflict (name at one store, points at two others). */
  async function backlog(batch: number, n = N): Promise<Map<string, unknown>> {
    const ids = Array.from({ length: n }, (_, i) => `customer:${uuid(batch, i)}`);
    const stamps = { name: stamp(0, 'central'), points: stamp(0, 'central') };
    const base = (id: string) => ({ _id: id, type: 'customer', name: 'Cliente', points: 0, updatedAt: stamp(0, 'central'), updatedBy: 'central', stamps });
    await couch.nano.use('customers').bulk({ docs: ids.map(base) as never[] });
    await makeConflicts(couch.nano, 'customers', ids.map((id, i) => ({
      id,
      bodies: [
        { ...base(id), name: `Cliente ${i}`, updatedAt: stamp(1, 's1.pos1'), stamps: { ...stamps, name: stamp(1, 's1.pos1') } },
        { ...base(id), points: 10 + i, updatedAt: stamp(2, 's2.pos1'), stamps: { ...stamps, points: stamp(2, 's2.pos1') } },
        { ...base(id), points: 5, updatedAt: stamp(3, 's3.pos1'), stamps: { ...stamps, points: stamp(3, 's3.pos1') } },
      ],
    })));
    // What the policy says each document must become, computed from the leaves before any resolver runs.
    const expected = new Map<string, unknown>();
    for (const id of ids) {
      const r = resolveLeaves(await readLeaves(couch.nano, 'customers', id), defaultPolicy, isCentralStamp);
      if (r.kind !== 'write-merged') throw new Error(`expected a merge for ${id}, got ${r.kind}`);
      const { _id, ...body } = r.body;
      expected.set(id, body);
    }
    return expected;
  }

  /** `inFlight`: how many audit duplicates a crash may leave (at-least-once for the batch it killed). */
  async function assertSettled(expected: Map<string, unknown>, inFlight = 0): Promise<void> {
    const n = expected.size;
    // The documents themselves, not the conflicts view (on a cluster it reads one copy of each
    // shard, which can count 0 while a copy still lacks the resolution).
    const stillConflicted = async () => ((await couch.nano.use('customers').fetch({ keys: [...expected.keys()] }, { conflicts: true } as never)).rows as unknown as Array<{ doc?: { _conflicts?: string[] } }>)
      .filter((r) => !r.doc || r.doc._conflicts !== undefined).length;
    await waitFor(async () => (await stillConflicted()) === 0, { timeoutMs: 120_000, intervalMs: 200, what: 'the backlog to be settled' });
    const docs = await couch.nano.use('customers').fetch({ keys: [...expected.keys()] });
    for (const row of docs.rows as unknown as Array<{ key: string; doc: Record<string, unknown> }>) {
      const { _id, _rev, ...body } = row.doc;
      expect(body, row.key).to.deep.equal(expected.get(row.key));
    }
    const records = await couch.nano.use('audit').list({ startkey: 'conflict:customers:', endkey: 'conflict:customers;', include_docs: true });
    const mine = records.rows.map((r) => r.doc as unknown as { docId: string; revisions: string[]; status: string }).filter((d) => expected.has(d.docId));
    const perDoc = new Map<string, number>();
    for (const d of mine) perDoc.set(d.docId, (perDoc.get(d.docId) ?? 0) + 1);
    expect(perDoc.size).to.equal(n);
    // Named with the leaves each record was decided on, so a failure says which sets were seen.
    const twice = mine.filter((d) => perDoc.get(d.docId)! > 1).map((d) => `${d.docId} ${d.status} [${d.revisions.join(', ')}]`);
    expect(twice, `one record per conflict; recorded more than once: ${twice.slice(0, 6).join('; ')}`).to.have.length(0);
    // The audit trail names every resolution exactly once (entries are written per batch, off the
    // resolver's path: the last batch's entry may land after its conflicts are settled).
    const namedNow = async () => {
      const audit = await couch.nano.use('audit').list({ startkey: 'audit:', endkey: 'audit;', include_docs: true });
      return audit.rows.flatMap((r) => {
        const e = r.doc as unknown as { action: string; details?: { conflicts?: Array<{ docId: string }> } };
        return e.action === 'conflict.resolved' ? (e.details?.conflicts ?? []).map((c) => c.docId).filter((id) => expected.has(id)) : [];
      });
    };
    let named: string[] = [];
    await waitFor(async () => new Set(named = await namedNow()).size === n, { timeoutMs: 60_000, intervalMs: 200, what: 'every resolution in the audit trail' });
    expect(new Set(named).size, 'every resolution audited').to.equal(n);
    expect(named.length - n, 'audited twice at most for the batch a crash interrupted').to.be.at.most(inFlight);
  }

  async function assertAuditChain(): Promise<void> {
    const res = await couch.nano.use('audit').list({ startkey: 'audit:', endkey: 'audit;', include_docs: true });
    let prev = GENESIS_HASH;
    res.rows.forEach((row, i) => {
      const e = row.doc as unknown as Record<string, unknown> & { seq: number; prevHash: string; hash: string };
      expect(e.seq, 'contiguous sequence').to.equal(i + 1);
      expect(e.prevHash, `link ${e.seq}`).to.equal(prev);
      expect(auditHash(e), `hash ${e.seq}`).to.equal(e.hash);
      prev = e.hash;
    });
  }

  it('follows a store database created after it started', async function () {
    const resolver = await startFeed({ nano: couch.nano, couchUrl: couch.url, auth: couch.adminAuth, clock: createCentralClock(), bus: createEventBus(), log,
      policies: createPolicyStore(couch.nano), audit: testAudit(couch.nano), pollTimeoutMs: 1_000, discoverEveryMs: 200 });
    resolvers.push(resolver);
    await couch.createStore('late');
    await waitFor(() => resolver.databases().includes('store-late'), { what: 'the new database to be followed' });
    const id = 'store-status:late:late.pos1';
    const doc = { _id: id, type: 'store-status', store: 'late', device: 'late.pos1', state: 'online', pending: 0, updatedBy: 'device-late' };
    await couch.nano.use('store-late').insert({ ...doc, updatedAt: stamp(0, 'late.pos1') } as never);
    await makeConflicts(couch.nano, 'store-late', [{ id, bodies: [{ ...doc, pending: 2, updatedAt: stamp(5, 'late.pos1') }, { ...doc, state: 'offline', updatedAt: stamp(9, 'late.pos1') }] }]);
    // The document itself, not the conflicts view: on a cluster a view reads one copy of each
    // shard, which may not have the conflict yet and count 0 before it is settled.
    const settled = async () => {
      const doc = await couch.nano.use('store-late').get(id, { conflicts: true }) as { _conflicts?: string[] };
      return doc._conflicts === undefined ? doc : undefined;
    };
    await waitFor(async () => (await settled()) !== undefined, { what: 'the conflict in the new database to be settled' });
    expect(await settled()).to.include({ state: 'offline', updatedAt: stamp(9, 'late.pos1') });
  });

  it('settles one backlog with two resolvers at once, each conflict recorded once, audit chain unbroken', async function () {
    const expected = await backlog(1);
    await Promise.all([start(60_000), start(60_000)]);
    await assertSettled(expected);
    await assertAuditChain();
  });

  it('finishes a backlog after the resolver process is killed half-way and started again', async function () {
    // Several resolver batches (500 documents each), so the kill lands with work left.
    const big = 1000;
    const expected = await backlog(2, big);
    const url = new URL(couch.url);
    url.username = couch.adminAuth.username;
    url.password = couch.adminAuth.password;
    const auditDocs = async () => (await couch.nano.db.get('audit')).doc_count;
    const before = await auditDocs();
    // The audit key the in-process resolvers write with: a resolver holding another is refused (central/fingerprints).
    const env = { ...process.env, COUCHDB_URL: url.toString(), LOG_LEVEL: 'silent', AUDIT_KEY: TEST_AUDIT_KEY.toString('base64url') };
    const child = spawn(process.execPath, ['--import', 'tsx', 'central/cli.ts', 'resolve'], { env, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // Kill as soon as the child has recorded its first batch (records are written before the fixes).
    await waitFor(async () => (await auditDocs()) > before, { timeoutMs: 60_000, intervalMs: 5, what: 'the child to start on the backlog' });
    child.kill('SIGKILL');
    await exited;
    const left = await conflictedCount(couch.nano, 'customers');
    console.log(`      killed with ${left} of ${big} conflicts left`);
    expect(left, 'the kill must land mid-backlog').to.be.greaterThan(0);
    await start();
    await assertSettled(expected, 200);
    await assertAuditChain();
  });
});
