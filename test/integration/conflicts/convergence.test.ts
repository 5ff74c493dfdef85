// A seeded random ("fuzzy") test: three store replicas of the customers database edit the same
// customers at random, sync with central at random while random partitions keep some of them
// apart, then heal. With the resolver running at central, every replica must converge on the
// same bodies with no conflicts left, and no field governed by `lww` may lose its latest value.
// Replay a failure with SEED=<seed> (the seed is printed when it fails).
import { expect } from 'chai';
import { pino } from 'pino';
import { createCentralClock, type CentralClock } from '../../../central/central-clock.js';
import { mulberry32 } from '../../../central/demo/prng.js';
import { createEventBus } from '../../../central/events/event-bus.js';
import { testAudit } from '../../helpers/test-audit.js';
import { createPolicyStore } from '../../../central/conflicts/policy-store.js';
import { startFeed, type Feed } from '../../../central/feed/start-feed.js';
import { compareStamps, createNodePouch, type Db } from '../../../store-client/index.js';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { conflictedCount } from '../../helpers/conflicts.js';
import { waitFor } from '../../helpers/wait-for.js';

const PouchDB = createNodePouch();
const SEED = Number(process.env.SEED ?? 20261124);
const ROUNDS = 60;
const LWW_FIELDS = ['name', 'phone', 'notes'] as const;
const IDS = [1, 2, 3, 4].map((i) => `customer:aaaaaaaa-0000-4000-8000-00000000000${i}`);

interface Replica { name: string; db: Db; remote: Db; clock: CentralClock; partitioned: boolean }
interface Edit { id: string; field: string; value: string; stamp: string }

describe('resolver convergence (seeded random, integration)', function () {
  this.timeout(240_000);
  let couch: TestCouch;
  let resolver: Feed;
  const replicas: Replica[] = [];

  before(async function () {
    couch = await startTestCouch();
    const t0 = '2026-11-24T08:00:00.000Z-0000-central';
    await couch.nano.use('customers').bulk({
      docs: IDS.map((_id) => ({ _id, type: 'customer', name: 'Cliente', phone: '5500000000', notes: '-', points: 0, tags: [], updatedAt: t0, updatedBy: 'central',
        stamps: Object.fromEntries(['name', 'phone', 'notes', 'points', 'tags'].map((f) => [f, t0])) })) as never[],
    });
    resolver = await startFeed({
      nano: couch.nano, couchUrl: couch.url, auth: couch.adminAuth, clock: createCentralClock(), bus: createEventBus(),
      log: pino({ level: 'silent' }), policies: createPolicyStore(couch.nano), audit: testAudit(couch.nano), pollTimeoutMs: 1_000,
    });
    for (const name of ['s1', 's2', 's3']) {
      const store = await couch.createStore(name);
      const db = new PouchDB(`fuzzy-${name}-${SEED}-${Date.now()}`, { adapter: 'memory' });
      const remote = new PouchDB(`${couch.url}/customers`, { auth: store.account, skip_setup: true } as never);
      await db.replicate.from(remote);
      replicas.push({ name, db, remote, clock: createCentralClock(`${name}.pos1`), partitioned: false });
    }
  });
  after(async function () {
    await resolver?.stop();
    await couch?.stop();
  });

  it('converges on every replica and keeps the latest value of every lww field', async function () {
    const random = mulberry32(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const edits: Edit[] = [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const replica = pick(replicas);
        const roll = random();
        if (roll < 0.6) edits.push(await edit(replica, pick(IDS), pick([...LWW_FIELDS, 'points', 'tags']), round, random));
        else if (roll < 0.9) { if (!replica.partitioned) await replica.db.sync(replica.remote); }
        else replica.partitioned = !replica.partitioned;
      }
      await heal();
      const records = await couch.nano.use('audit').list({ startkey: 'conflict:customers:', endkey: 'conflict:customers;' });
      console.log(`      seed ${SEED}: ${edits.length} edits, ${records.rows.length} conflicts settled by the resolver`);
      const central = await bodies(couch.nano.use('customers').fetch({ keys: IDS }).then((r) => r.rows.map((row) => (row as unknown as { doc: Record<string, unknown> }).doc)));
      for (const replica of replicas) {
        const local = await bodies(replica.db.allDocs({ keys: IDS, include_docs: true, conflicts: true }).then((r) => r.rows.map((row) => (row as { doc?: Record<string, unknown> }).doc!)));
        expect(local, `replica ${replica.name}`).to.deep.equal(central);
      }
      for (const id of IDS) {
        for (const field of LWW_FIELDS) {
          const latest = edits.filter((e) => e.id === id && e.field === field).sort((a, b) => compareStamps(b.stamp, a.stamp))[0];
          if (latest) expect(central[id]![field], `${id} ${field}`).to.equal(latest.value);
        }
      }
    } catch (err) {
      (err as Error).message = `[SEED=${SEED}, ${edits.length} edits] ${(err as Error).message}`;
      throw err;
    }
  });

  /** A store edits its current winner of a customer, stamping the field it changes. */
  async function edit(replica: Replica, id: string, field: string, round: number, random: () => number): Promise<Edit> {
    const doc = (await replica.db.get(id)) as Record<string, any>;
    replica.clock.observe(doc.updatedAt);
    for (const s of Object.values(doc.stamps ?? {})) replica.clock.observe(s as string);
    const stamp = replica.clock.next();
    const value = field === 'points' ? Math.floor(random() * 1000)
      : field === 'tags' ? [...(doc.tags ?? []), `t${round}`]
      : `${field}-${replica.name}-${round}`;
    await replica.db.put({ ...doc, [field]: value, updatedAt: stamp, updatedBy: `device-${replica.name}`, stamps: { ...doc.stamps, [field]: stamp } });
    return { id, field, value: String(value), stamp };
  }

  /** Everyone reconnects; sync until central has no conflicts and every replica has what central has. */
  async function heal(): Promise<void> {
    for (const r of replicas) r.partitioned = false;
    for (let pass = 0; pass < 10; pass++) {
      for (const r of replicas) await r.db.sync(r.remote);
      await waitFor(async () => (await conflictedCount(couch.nano, 'customers')) === 0, { timeoutMs: 60_000, intervalMs: 100, what: 'central to settle' });
      for (const r of replicas) await r.db.sync(r.remote);
      const localConflicts = await Promise.all(replicas.map((r) => r.db.allDocs({ keys: IDS, include_docs: true, conflicts: true })));
      const clean = localConflicts.every((res) => res.rows.every((row) => !(row as { doc?: { _conflicts?: unknown[] } }).doc?._conflicts));
      if (clean && (await conflictedCount(couch.nano, 'customers')) === 0) return;
    }
    throw new Error('replicas did not converge after 10 heal passes');
  }
});

async function bodies(docs: Promise<Array<Record<string, unknown>>>): Promise<Record<string, Record<string, unknown>>> {
  return Object.fromEntries((await docs).map(({ _rev, _conflicts, ...d }) => [d._id as string, d]));
}
