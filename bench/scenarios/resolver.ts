// Resolver: a backlog of conflicts settled by central's real change feed (conflict records, the
// hash-chained audit's intent and outcome entries, checkpoints), against a naive loop on an
// identical copy of the backlog in the same run (bench/resolver/naive-resolver.ts); and the lag
// from a conflict arriving at central to its resolution under a steady stream, against a naive
// follower long-polling `_changes`. Customers merge field by field, products by last writer.
// Both sides check that they reached the same documents. On the embedded server by default, on
// COUCHDB_URL when set (bench/lib/target.ts): central's feed then follows that server's own
// customers and catalog (central's names are fixed); the run's documents there are deleted after
// it, the conflict policy put back, and the naive copies are databases of the run's own.
import { startTarget, type BenchServer } from '../lib/target.js';
import { createNodePouch } from '../../store-client/index.js';
import { defaultPolicy, POLICY_ID } from '../../central/conflicts/index.js';
import { couchError, isStatus } from '../../central/couch/errors.js';
import type { ConflictPolicy } from '../../validators/index.js';
import type { BenchContext, Result, Scenario } from '../lib/scenario.js';
import { conflictDocs, type ConflictDoc } from '../resolver/backlog-docs.js';
import { centralSide, type CentralSide } from '../resolver/central-side.js';
import { followNaively, settleBacklogNaively } from '../resolver/naive-resolver.js';
import { writeBases, writeSiblings } from '../resolver/write-backlog.js';

const DBS = ['customers', 'catalog'] as const;
type DbName = typeof DBS[number];
const ours = (d: ConflictDoc) => d.db;
const RATE_PER_S = 5;
const LIMIT_MS = 300_000;
/** Customers field by field (the default), products by the last writer. */
const POLICY: ConflictPolicy = { ...defaultPolicy, types: { ...defaultPolicy.types, product: { strategy: 'lww' } } };

/** `naive`: the copies' names, `pronto-bench-naive-*` (the embedded server routes them, central's feed does not follow them). */
interface Bench { server: BenchServer; central: CentralSide; naive: Record<DbName, string>; pouch: Record<DbName, PouchDB.Database>; batch: number }

const naiveOf = (bench: Bench) => (d: ConflictDoc) => bench.naive[d.db];

/** Fresh documents of a batch; on CouchDB, ours are deleted from central's databases when the target stops. */
function batchDocs(bench: Bench, count: number): ConflictDoc[] {
  const docs = conflictDocs(process.pid, ++bench.batch, count, Date.now() - 3_600_000);
  for (const db of DBS) bench.server.forget(db, docs.filter((d) => d.db === db).map((d) => d.id));
  return docs;
}

export const resolverScenario: Scenario = {
  name: 'resolver',
  async run(ctx) {
    const server = await startTarget();
    try {
      const bench = await prepare(server);
      // On CouchDB the policy is the server's own: put back what it was, or deleted (by stop) if there was none.
      const before = await storedPolicy(server);
      await bench.central.policies.put(POLICY, 'bench', `${new Date().toISOString()}-0000-central`);
      try {
        return await measure(ctx, bench);
      } finally {
        if (before) await bench.central.policies.put(before, 'bench');
        else server.forget('catalog', [POLICY_ID]);
      }
    } finally {
      await server.stop();
    }
  },
};

async function measure(ctx: BenchContext, bench: Bench): Promise<Result[]> {
  const size = ctx.quick ? { backlog: 300, streamS: 3 } : { backlog: 2_000, streamS: 20 };
  const backlog = await backlogRuns(ctx, bench, size.backlog);
  const lag = await lagRuns(ctx, bench, size.streamS);
  const conflicts = `${size.backlog.toLocaleString('en')} conflicts (60% customers field-merge, 40% products lww, a quarter with 3 leaves)`;
  const lagName = `${RATE_PER_S} conflicts/s for ${size.streamS} s`;
  const where = bench.server.kind === 'couchdb' ? { note: `CouchDB at ${bench.server.url}: central's feed also follows every other store database there` } : {};
  return [
    { scenario: `resolver backlog: ${conflicts}, history and audit written`, unit: 'conflicts/s', better: 'higher', ...backlog,
      baselineName: 'naive loop: _changes conflicts=true → _bulk_get leaves → same rule → _bulk_docs (PouchDB http)', ...where },
    ...(['p50', 'p95', 'p99'] as const).map((stat): Result => ({ scenario: `resolver lag, conflict at central → settled, ${lagName}${stat === 'p50' ? ' (p50)' : ''}`,
      unit: 'ms', better: 'lower', stat, ...lag, baselineName: 'naive follower: _changes longpoll, each conflict settled as it comes' })),
  ];
}

async function storedPolicy(server: BenchServer): Promise<ConflictPolicy | undefined> {
  try {
    return (await server.nano.use('catalog').get(POLICY_ID) as unknown as { policy: ConflictPolicy }).policy;
  } catch (err) {
    if (isStatus(err, 404)) return undefined;
    throw couchError(err, 'reading the conflict policy');
  }
}

async function prepare(server: BenchServer): Promise<Bench> {
  const central = centralSide(server.nano, server.url, server.adminAuth);
  // The naive copies carry the same design documents (the same validate_doc_update on every write).
  const naive = { customers: await server.createDatabase('naive-customers'), catalog: await server.createDatabase('naive-catalog') };
  for (const db of DBS) {
    const designs = await server.nano.use(db).list({ startkey: '_design/', endkey: '_design0', include_docs: true });
    await server.nano.use(naive[db]).bulk({ docs: designs.rows.map((r) => { const { _rev, ...doc } = r.doc as { _rev: string }; return doc; }) as never[] });
  }
  const PouchDB = createNodePouch();
  const remote = (db: string) => new PouchDB(`${server.url}/${db}`, { auth: server.adminAuth, skip_setup: true } as never);
  return { server, central, naive, pouch: { customers: remote(naive.customers), catalog: remote(naive.catalog) }, batch: 0 };
}

/** The naive copies' update_seq, where a naive follower that has seen everything so far stands. */
async function naiveSince(bench: Bench): Promise<Record<'customers' | 'catalog', string>> {
  const seq = async (db: string) => String(((await bench.server.nano.db.get(db)) as { update_seq: unknown }).update_seq);
  return { customers: await seq(bench.naive.customers), catalog: await seq(bench.naive.catalog) };
}

/** Base revisions in both copies, seen by central's feed before the conflicts arrive (it is stopped after). */
async function baseRevisions(bench: Bench, docs: ConflictDoc[]): Promise<{ ours: Map<string, string>; naive: Map<string, string> }> {
  const revs = { ours: await writeBases(bench.server.nano, docs, ours), naive: await writeBases(bench.server.nano, docs, naiveOf(bench)) };
  const feed = await bench.central.start();
  await bench.central.caughtUp(DBS, LIMIT_MS);
  await feed.stop();
  return revs;
}

async function backlogRuns(ctx: BenchContext, bench: Bench, n: number): Promise<{ ours: number[]; baseline: number[] }> {
  const out = { ours: [] as number[], baseline: [] as number[] };
  for (let rep = -1; rep < ctx.repeats; rep++) {
    const count = rep < 0 ? Math.min(n, 100) : n;
    const docs = batchDocs(bench, count);
    const revs = await baseRevisions(bench, docs);
    const since = await naiveSince(bench);
    await writeSiblings(bench.server.nano, docs, revs.ours, ours);
    await writeSiblings(bench.server.nano, docs, revs.naive, naiveOf(bench));
    const sides = [['ours', () => oursBacklog(bench, docs)], ['naive', () => naiveBacklog(bench, docs, since)]] as const;
    for (const [side, measure] of rep % 2 === 0 ? sides : [...sides].reverse()) {
      ctx.progress(`resolver backlog ${rep < 0 ? 'warm-up' : `${rep + 1}/${ctx.repeats}`}: ${side}, ${count} conflicts`);
      const ms = await measure();
      if (rep >= 0) (side === 'ours' ? out.ours : out.baseline).push(Math.round(count / (ms / 1000)));
    }
    await sameOutcome(bench, docs);
  }
  return out;
}

async function oursBacklog(bench: Bench, docs: ConflictDoc[]): Promise<number> {
  const done = bench.central.settled(docs.map((d) => d.id), LIMIT_MS);
  const t0 = performance.now();
  const feed = await bench.central.start();
  try {
    await done;
    return performance.now() - t0;
  } finally {
    await feed.stop();
  }
}

async function naiveBacklog(bench: Bench, docs: ConflictDoc[], since: Record<'customers' | 'catalog', string>): Promise<number> {
  const t0 = performance.now();
  const counts = await Promise.all(DBS.map((db) => settleBacklogNaively(bench.pouch[db], since[db], POLICY)));
  const ms = performance.now() - t0;
  if (counts[0]! + counts[1]! !== docs.length) throw new Error(`the naive loop settled ${counts[0]! + counts[1]!} of ${docs.length} conflicts`);
  return ms;
}

/** Both copies hold the same winner for every document, and no conflict is left in either. */
async function sameOutcome(bench: Bench, docs: ConflictDoc[]): Promise<void> {
  for (const db of DBS) {
    const keys = docs.filter((d) => d.db === db).map((d) => d.id);
    const read = async (name: string) => (await bench.server.nano.request({ db: name, path: '_all_docs', method: 'POST', qs: { include_docs: true, conflicts: true }, body: { keys } }) as { rows: Array<{ id: string; doc?: Record<string, unknown> }> }).rows;
    const [a, b] = [await read(db), await read(bench.naive[db])];
    for (let i = 0; i < a.length; i++) {
      const { _rev: r1, ...x } = a[i]!.doc ?? {};
      const { _rev: r2, ...y } = b[i]!.doc ?? {};
      if (x._conflicts || y._conflicts) throw new Error(`${a[i]!.id} is still conflicted after the backlog`);
      if (JSON.stringify(x) !== JSON.stringify(y)) throw new Error(`${a[i]!.id}: central and the naive loop disagree: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
    }
  }
}

async function lagRuns(ctx: BenchContext, bench: Bench, seconds: number): Promise<{ ours: number[]; baseline: number[] }> {
  const out = { ours: [] as number[], baseline: [] as number[] };
  const passes = ctx.quick ? 1 : ctx.repeats;
  for (let pass = 0; pass < passes; pass++) {
    const sides = [['ours', oursLag], ['naive', naiveLag]] as const;
    for (const [side, measure] of pass % 2 === 0 ? sides : [...sides].reverse()) {
      ctx.progress(`resolver lag ${pass + 1}/${passes}: ${side}, ${RATE_PER_S}/s for ${seconds} s`);
      const docs = batchDocs(bench, RATE_PER_S * seconds);
      (side === 'ours' ? out.ours : out.baseline).push(...(await measure(bench, docs)));
    }
  }
  return out;
}

/** Writes one document's siblings every 1/RATE s into the databases `dbOf` names; when each write began. */
async function stream(bench: Bench, docs: ConflictDoc[], revs: Map<string, string>, dbOf: (d: ConflictDoc) => string): Promise<Map<string, number>> {
  const sent = new Map<string, number>();
  const t0 = performance.now();
  for (let i = 0; i < docs.length; i++) {
    const wait = t0 + (i * 1000) / RATE_PER_S - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sent.set(docs[i]!.id, performance.now());
    await writeSiblings(bench.server.nano, [docs[i]!], revs, dbOf);
  }
  return sent;
}

async function oursLag(bench: Bench, docs: ConflictDoc[]): Promise<number[]> {
  const revs = await writeBases(bench.server.nano, docs, ours);
  const feed = await bench.central.start();
  try {
    await bench.central.caughtUp(DBS, LIMIT_MS);
    const at = new Map<string, number>();
    const done = bench.central.settled(docs.map((d) => d.id), LIMIT_MS, (id, ms) => at.set(id, ms));
    const sent = await stream(bench, docs, revs, ours);
    await done;
    return docs.map((d) => at.get(d.id)! - sent.get(d.id)!);
  } finally {
    await feed.stop();
  }
}

async function naiveLag(bench: Bench, docs: ConflictDoc[]): Promise<number[]> {
  const revs = await writeBases(bench.server.nano, docs, naiveOf(bench));
  const since = await naiveSince(bench);
  const at = new Map<string, number>();
  let all: () => void = () => undefined;
  const done = new Promise<void>((resolve) => { all = resolve; });
  const onSettled = (id: string) => { at.set(id, performance.now()); if (at.size === docs.length) all(); };
  const followers = DBS.map((db) => followNaively(bench.pouch[db], since[db], POLICY, onSettled));
  try {
    const sent = await stream(bench, docs, revs, naiveOf(bench));
    const timer = setTimeout(all, LIMIT_MS);
    await done;
    clearTimeout(timer);
    if (at.size !== docs.length) throw new Error(`the naive follower settled ${at.size} of ${docs.length} conflicts`);
    return docs.map((d) => at.get(d.id)! - sent.get(d.id)!);
  } finally {
    for (const f of followers) await f.stop();
  }
}
