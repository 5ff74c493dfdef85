// `npm run simulate -- --stores N --tills T --minutes M --offline-rate R [--seed S] [--url …] [--json]`:
// exit 0 when the invariants hold after the run, 1 when not, 2 for bad input (central/simulate).
import { ProntoError } from '../../validators/errors.js';
import { parseSimulateArgs, runSimulation } from './index.js';

try {
  const summary = await runSimulation(parseSimulateArgs(process.argv.slice(2), process.env), { stderr: process.stderr, stdout: process.stdout });
  process.exit(summary.exitCode);
} catch (err) {
  const bad = err instanceof ProntoError && err.code === 'BAD_REQUEST';
  process.stderr.write(`\nsimulate: ${(err as Error).message}\n`);
  process.exit(bad ? 2 : 1);
}
