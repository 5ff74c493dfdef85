// Resolver benchmarks on the embedded server: throughput on a backlog of conflicts, and the lag
// from a conflict reaching central to its resolution. Printed beside raw PouchDB replication of
// the same number of documents in the same run (machines are shared and noisy: compare ratios).
//   npm run bench:resolver      (BENCH_CONFLICTS=1000 BENCH_SAMPLES=30 by default)
import { pino } from 'pino';
import { createCentralClock } from '../central/central-clock.js';
import { createEventBus } from '../central/events/event-bus.js';
import { testAudit } from '../test/helpers/test-audit.js';
import { createPolicyStore } from '../central/conflicts/policy-store.js';
import { startFeed } from '../central/feed/start-feed.js';
import { createNodePouch } from '../store-client/index.js';
import { startTestCouch } from '../test/helpers/test-couch.js';
import { conflictedCount, makeConflicts } from '../test/helpers/conflicts.js';

const N = Number(process.env.BENCH_CONFLICTS ?? 1000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 30);
const PouchDB = createNodePouch();
const stamp = (m: number, node: string) => `2026-11-24T10:${String(m).padStart(2, '0')}:00.000Z-0000-${node}`;
const id = (batch: number, i: number) => `customer:${String(batch).padStart(8, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`;
const customer = (_id: string) => ({ _id, type: 'customer', name: 'Cliente', points: 0, updatedAt: stamp(0, 'central'), updatedBy: 'central' });
const siblings = (_id: string, i: number) => [
  { ...customer(_id), name: `Cliente ${i}`, updatedAt: stamp(1, 's1.pos1'), stamps: { name: stamp(1, 's1.pos1') } },
  { ...customer(_id), points: i, updatedAt: stamp(2, 's2.pos1'), stamps: { points: stamp(2, 's2.pos1') } },
];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main(): Promise<void> {
  const couch = await startTestCouch();
  const bus = createEventBus();
  try {
    const ids = Array.from({ length: N }, (_, i) => id(1, i));
    const local = new PouchDB(`bench-raw-${process.pid}`, { adapter: 'memory' });
    await local.bulkDocs(ids.map((x) => customer(x.replace('customer:0', 'customer:9'))));
    const t0 = performance.now();
    await local.replicate.to(new PouchDB(`${couch.url}/customers`, { auth: couch.adminAuth, skip_setup: true } as never));
    const rawMs = performance.now() - t0;

    await couch.nano.use('customers').bulk({ docs: ids.map(customer) as never[] });
    await makeConflicts(couch.nano, 'customers', ids.map((x, i) => ({ id: x, bodies: siblings(x, i) })));
    let settled = 0;
    const offCount = bus.subscribe((e) => { if (e.type === 'conflict.resolved') settled += 1; });
    const t1 = performance.now();
    const resolver = await startFeed({
      nano: couch.nano, couchUrl: couch.url, auth: couch.adminAuth, clock: createCentralClock(), bus, log: pino({ level: 'silent' }),
      policies: createPolicyStore(couch.nano), audit: testAudit(couch.nano), pollTimeoutMs: 1_000,
    });
    for (let i = 0; i < 1_000_000 && settled < N; i++) await new Promise((r) => setTimeout(r, 5));
    const backlogMs = performance.now() - t1;
    offCount();
    if ((await conflictedCount(couch.nano, 'customers')) !== 0) throw new Error('conflicts left after the backlog');

    const lags: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const x = id(2, i);
      await couch.nano.use('customers').insert(customer(x) as never);
      const done = new Promise<void>((resolve) => { const off = bus.subscribe((e) => { if (e.type === 'conflict.resolved' && e.data.docId === x) { off(); resolve(); } }); });
      const t = performance.now();
      await makeConflicts(couch.nano, 'customers', [{ id: x, bodies: siblings(x, i) }]);
      await done;
      lags.push(performance.now() - t);
    }
    await resolver.stop();
    process.stdout.write([
      `Resolver benchmarks — ${N} conflicts (two-way, field-merge), ${SAMPLES} lag samples, loopback, embedded server`,
      '',
      `raw PouchDB push of ${N} docs      ${Math.round(N / (rawMs / 1000))} docs/s`,
      `resolver backlog                  ${Math.round(N / (backlogMs / 1000))} conflicts/s  (${(rawMs / backlogMs).toFixed(2)}× the raw push rate)`,
      `lag, conflict at central → settled  p50 ${pct(lags, 50).toFixed(0)} ms  p99 ${pct(lags, 99).toFixed(0)} ms`,
    ].join('\n') + '\n');
  } finally {
    await couch.stop();
  }
}

main().then(() => process.exit(0), (err: unknown) => { process.stderr.write(`bench failed: ${(err as Error).stack}\n`); process.exit(1); });
