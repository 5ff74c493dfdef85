// `npm run chaos -- --steps N --seed S [--faults cut,slow,...] [--tills 2]`: one seeded chaos run
// against a fresh chain (test/helpers/chaos/run-chaos.ts); exits non-zero with the seed and the
// replay command when an invariant breaks.
import { parseArgs } from 'node:util';
import { ALL_FAULTS, runChaos, type Fault } from '../test/helpers/chaos/run-chaos.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' }, steps: { type: 'string', default: '1000' }, faults: { type: 'string' }, tills: { type: 'string', default: '2' },
    'settle-ms': { type: 'string', default: '180000' }, 'tolerate-unhandled': { type: 'boolean', default: false },
  },
});
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
const steps = Number(values.steps);
const faults = values.faults ? (values.faults.split(',') as Fault[]) : undefined;
if (!Number.isInteger(seed) || !Number.isInteger(steps) || steps < 0 || (faults ?? []).some((f) => !ALL_FAULTS.includes(f))) {
  console.error(`usage: npm run chaos -- --steps N --seed S [--faults ${ALL_FAULTS.join(',')}] [--tills 2]`);
  process.exit(2);
}
try {
  const report = await runChaos({ seed, steps, faults, tillsPerStore: Number(values.tills), settleMs: Number(values['settle-ms']), tolerateUnhandled: values['tolerate-unhandled'], log: (l) => console.log(l) });
  console.log(JSON.stringify(report));
  process.exit(0);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  console.error(`seed ${seed} failed`);
  process.exit(1);
}
