// Replication benchmarks against a real embedded server on loopback. Every SyncManager figure is
// printed beside raw PouchDB replication measured in the same run, as a ratio: these machines
// are shared and noisy, so absolute numbers mean little and ratios are what we compare.
//   npm run bench            (BENCH_SALES=2000 BENCH_SAMPLES=50 by default)
import { startTestCouch, type TestCouch, type TestStore } from '../test/helpers/test-couch.js';
import { buildSale, createClock, createNodePouch, recordSale, SyncManager, type Db } from '../store-client/index.js';

const PouchDB = createNodePouch();
const SALES = Number(process.env.BENCH_SALES ?? 2000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 50);
let n = 0;

const mem = (): Db => new PouchDB(`bench-${process.pid}-${n++}`, { adapter: 'memory' });
const remote = (url: string, store: TestStore): Db => new PouchDB(url, { auth: store.account, skip_setup: true } as never);

function sales(store: string, count: number, node: string) {
  return Array.from({ length: count }, (_, i) => buildSale(
    { lines: [{ sku: 'BENCH-01-25.5', qty: 1, unitPrice: 129_900 }], payments: [{ method: 'card', amount: 129_900 }] },
    { store, device: node, cashier: 'bench', businessDay: '2026-11-24', stamp: `${new Date(1_790_000_000_000 + i).toISOString()}-0000-${node}` },
  ));
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('benchmark step timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
}

function manager(store: string, local: { store: Db; catalog: Db }, s: TestStore): SyncManager {
  return new SyncManager({ storeId: store, deviceId: `${store}.pos1`, local, remote: { store: remote(s.storeDbUrl, s), catalog: remote(s.catalogUrl, s) } });
}

async function pushBench(couch: TestCouch) {
  const rawStore = await couch.createStore('b1');
  const rawLocal = mem();
  await rawLocal.bulkDocs(sales('b1', SALES, 'b1.pos1'));
  const rawPush = await timed(() => rawLocal.replicate.to(remote(rawStore.storeDbUrl, rawStore)));
  const rawPull = await timed(() => mem().replicate.from(remote(rawStore.storeDbUrl, rawStore)));

  const s = await couch.createStore('b2');
  const local = { store: mem(), catalog: mem() };
  await local.store.bulkDocs(sales('b2', SALES, 'b2.pos1'));
  const m = manager('b2', local, s);
  const managed = await timed(async () => {
    await m.start();
    await until(() => m.status.state === 'online' && m.status.pending === 0);
  });
  await m.stop();
  return { rawPush, rawPull, managed };
}

async function latencyBench(couch: TestCouch) {
  const s = await couch.createStore('b3');
  const a = { store: mem(), catalog: mem() };
  const b = { store: mem(), catalog: mem() };
  const [ma, mb] = [manager('b3', a, s), manager('b3', b, s)];
  await Promise.all([ma.start(), mb.start()]);
  await until(() => ma.status.state === 'online' && mb.status.state === 'online');
  const clock = await createClock(a.store, 'b3.pos1');
  const managed: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t0 = performance.now();
    const sale = await recordSale(a.store, clock, { store: 'b3', device: 'b3.pos1', cashier: 'bench' },
      { lines: [{ sku: 'BENCH-01-25.5', qty: 1, unitPrice: 100 }], payments: [{ method: 'cash', amount: 100 }] });
    await until(async () => (await b.store.allDocs({ key: sale._id })).rows.some((r) => 'value' in r));
    managed.push(performance.now() - t0);
  }
  await Promise.all([ma.stop(), mb.stop()]);

  const r = await couch.createStore('b4');
  const [ra, rb] = [mem(), mem()];
  const syncs = [ra.sync(remote(r.storeDbUrl, r), { live: true }), rb.sync(remote(r.storeDbUrl, r), { live: true })];
  const raw: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t0 = performance.now();
    const [doc] = sales('b4', 1, `b4.raw${i}`);
    await ra.put(doc!);
    await until(async () => (await rb.allDocs({ key: doc!._id })).rows.some((x) => 'value' in x));
    raw.push(performance.now() - t0);
  }
  for (const x of syncs) {
    x.on('error', () => undefined);
    x.cancel();
  }
  await Promise.allSettled(syncs);
  return { managed, raw };
}

const pct = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const rate = (ms: number) => Math.round(SALES / (ms / 1000));

async function main(): Promise<void> {
  const couch = await startTestCouch();
  try {
    process.stdout.write(`Pronto Sync benchmarks — ${SALES} sales, ${SAMPLES} latency samples, loopback, embedded server\n\n`);
    const push = await pushBench(couch);
    process.stdout.write([
      `raw PouchDB push          ${rate(push.rawPush)} docs/s`,
      `raw PouchDB pull          ${rate(push.rawPull)} docs/s`,
      `SyncManager first upload  ${rate(push.managed)} docs/s  (${(push.rawPush / push.managed).toFixed(2)}× raw push; includes the priority push, the two-way pass and the catalog pull)`,
      '',
    ].join('\n') + '\n');
    const lat = await latencyBench(couch);
    process.stdout.write([
      `live A→central→B, raw PouchDB sync   p50 ${pct(lat.raw, 50).toFixed(1)} ms  p99 ${pct(lat.raw, 99).toFixed(1)} ms`,
      `live A→central→B, SyncManager        p50 ${pct(lat.managed, 50).toFixed(1)} ms  p99 ${pct(lat.managed, 99).toFixed(1)} ms  (${(pct(lat.managed, 50) / pct(lat.raw, 50)).toFixed(2)}× raw p50)`,
    ].join('\n') + '\n');
  } finally {
    await couch.stop();
  }
}

main().then(() => process.exit(0), (err: unknown) => { process.stderr.write(`bench failed: ${(err as Error).stack}\n`); process.exit(1); });
