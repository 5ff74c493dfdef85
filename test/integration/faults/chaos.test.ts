// A few seeded chaos runs per `npm test` (small step counts; `npm run chaos -- --steps N --seed S`
// runs longer ones): random sales, returns, catalog edits, partitions of every kind, restarts and
// clock jumps across 3 stores × 2 tills, then heal and check every invariant. CHAOS_SEEDS
// (comma-separated) and CHAOS_STEPS override the defaults; a failure names its seed and replay.
import { runChaos } from '../../helpers/chaos/run-chaos.js';

const seeds = (process.env.CHAOS_SEEDS ?? '11,12').split(',').map(Number);
const steps = Number(process.env.CHAOS_STEPS ?? 60);

describe('seeded chaos across the chain (integration)', function () {
  this.timeout(240_000);
  for (const seed of seeds) {
    it(`keeps every invariant through ${steps} random steps (seed ${seed})`, async () => {
      await runChaos({ seed, steps, settleMs: 60_000, log: (line) => console.log(`      ${line}`) });
    });
  }
});
