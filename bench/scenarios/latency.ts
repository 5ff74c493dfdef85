// Live latency store → central → store: a sale recorded on till A, timed until it is in till B's
// database (B's local changes feed names it). Ours: two SyncManagers live on one store; baseline:
// two raw PouchDB live `sync`s (default options) on another store of the same server. Both run
// at once and the samples alternate, one of ours then one of the baseline, so load hits both.
import type { Result, Scenario } from '../lib/scenario.js';
import { buildSale, createClock, recordSale, type Db } from '../../store-client/index.js';
import { caughtUp, memDb, rawRemote, sharedServer, statusUntil, tillManager, type Store } from '../lib/till-fixtures.js';

const SAMPLE_TIMEOUT_MS = 30_000;
const input = { lines: [{ sku: 'RUN-01-25.5', qty: 1, unitPrice: 129_900 }], payments: [{ method: 'card' as const, amount: 129_900 }] };

/** Resolves `arrived(id)` when `db`'s changes feed names the document. */
function arrivals(db: Db) {
  const waiting = new Map<string, { resolve(): void; reject(err: unknown): void }>();
  const feed = db.changes({ live: true, since: 'now' });
  feed.on('change', (c: { id: string }) => waiting.get(c.id)?.resolve());
  // The sample waiting fails with the feed's error; later samples are not taken (the run stops).
  feed.on('error', (err: unknown) => { for (const w of waiting.values()) w.reject(err); });
  return {
    arrived(id: string): Promise<void> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${id} did not arrive within ${SAMPLE_TIMEOUT_MS} ms`)), SAMPLE_TIMEOUT_MS);
        const done = () => {
          clearTimeout(timer);
          waiting.delete(id);
        };
        waiting.set(id, { resolve: () => (done(), resolve()), reject: (err) => (done(), reject(err)) });
      });
    },
    cancel: () => feed.cancel(),
  };
}

async function oursPair(s: Store) {
  const a = { store: memDb(), catalog: memDb() };
  const b = { store: memDb(), catalog: memDb() };
  const [ma, mb] = [tillManager(s, a), tillManager(s, b)];
  await Promise.all([ma.start(), mb.start()]);
  await Promise.all([statusUntil(ma, caughtUp), statusUntil(mb, caughtUp)]);
  const clock = await createClock(a.store, `${s.id}.pos1`);
  const seen = arrivals(b.store);
  return {
    async sample(): Promise<number> {
      const t0 = performance.now();
      // The id is known only once written; B's feed cannot name it before A's write returns.
      const sale = await recordSale(a.store, clock, { store: s.id, device: `${s.id}.pos1`, cashier: 'bench' }, input);
      await seen.arrived(sale._id);
      return performance.now() - t0;
    },
    async stop() {
      seen.cancel();
      await Promise.all([ma.stop(), mb.stop()]);
      for (const db of [a.store, a.catalog, b.store, b.catalog]) await db.destroy();
    },
  };
}

async function rawPair(s: Store) {
  const [a, b] = [memDb(), memDb()];
  const syncs = [a, b].map((db) => db.sync(rawRemote(s.storeDbUrl, s), { live: true }));
  const seen = arrivals(b);
  let n = 0;
  return {
    async sample(): Promise<number> {
      const stamp = `${new Date(Date.now()).toISOString()}-${(n++ % 0x10000).toString(16).padStart(4, '0')}-${s.id}.raw1`;
      const sale = buildSale(input, { store: s.id, device: `${s.id}.raw1`, cashier: 'bench', businessDay: '2026-11-24', stamp });
      const t0 = performance.now();
      const arrived = seen.arrived(sale._id);
      await a.put(sale);
      await arrived;
      return performance.now() - t0;
    },
    async stop() {
      seen.cancel();
      for (const x of syncs) x.cancel();
      await Promise.allSettled(syncs);
      for (const db of [a, b]) await db.destroy();
    },
  };
}

export const latency: Scenario = {
  name: 'latency',
  async run(ctx): Promise<Result[]> {
    const samples = (ctx.quick ? 20 : 60) * ctx.repeats;
    const server = await sharedServer();
    const out = { ours: [] as number[], baseline: [] as number[] };
    // The server outlives this scenario (the run's shared one): both pairs stop here, whatever fails.
    let ours: Awaited<ReturnType<typeof oursPair>> | undefined;
    let raw: Awaited<ReturnType<typeof rawPair>> | undefined;
    try {
      ours = await oursPair(await server.createStore('lat1'));
      raw = await rawPair(await server.createStore('lat2'));
      for (let i = 0; i < 5; i++) {
        await ours.sample();
        await raw.sample();
      }
      for (let i = 0; i < samples; i++) {
        out.ours.push(await ours.sample());
        out.baseline.push(await raw.sample());
        if ((i + 1) % 20 === 0) ctx.progress(`latency: ${i + 1}/${samples} samples of each`);
      }
    } finally {
      await ours?.stop();
      await raw?.stop();
    }
    return (['p50', 'p95', 'p99'] as const).map((stat) => ({
      scenario: `live latency store → central → store, ${stat}`,
      unit: 'ms', better: 'lower' as const, stat, ...out,
      baselineName: 'raw PouchDB live sync, default options',
      note: `${samples} samples each, alternated; target p99 ≤ 1.2× raw`,
    }));
  },
};
