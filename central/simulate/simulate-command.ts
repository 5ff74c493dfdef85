// The `simulate` command for any front end (`npm run simulate`, `pronto-sync simulate`): parses
// the arguments, runs, and answers the exit code — 0 invariants hold, 1 broken (or the run could
// not finish: central unreachable, a till never online), 64 bad input (sysexits' EX_USAGE, as
// every other `pronto-sync` usage error: central/cli.ts) — with the reason on stderr.
import { ProntoError } from '../../validators/errors.js';
import { parseSimulateArgs } from './options.js';
import { runSimulation, type SimulationIo } from './run-simulation.js';

/** Exit code for bad input: an option, the accounts file, too few stores. */
export const EX_USAGE = 64;

export async function simulateCommand(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, io: SimulationIo): Promise<0 | 1 | typeof EX_USAGE> {
  try {
    return (await runSimulation(parseSimulateArgs(argv, env), io)).exitCode;
  } catch (err) {
    io.stderr.write(`\nsimulate: ${(err as Error).message}\n`);
    return err instanceof ProntoError && err.code === 'BAD_REQUEST' ? EX_USAGE : 1;
  }
}
