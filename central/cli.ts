// The `pronto-sync` command (central/cli/program.ts lists its subcommands). Exit codes: the
// command's own (status: 0 healthy, 1 degraded, 2 down), 64 for a usage error (a bad option or
// command: sysexits' EX_USAGE, kept apart from status's codes), 1 for any other failure, with a
// line saying what went wrong. `start` and `resolve` keep running.
import { CommanderError } from 'commander';
import { createProgram } from './cli/program.js';
import { isProntoError } from '../validators/errors.js';

const EX_USAGE = 64;

async function main(argv: string[]): Promise<number | 'running'> {
  let outcome: number | 'running' | undefined;
  const program = createProgram({ env: process.env, out: process.stdout, err: process.stderr, done: (o) => { outcome = o; } });
  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return EX_USAGE;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EX_USAGE;
    throw err;
  }
  // `pronto-sync audit` alone prints its help and runs nothing.
  return outcome ?? EX_USAGE;
}

main(process.argv.slice(2)).then(
  (code) => { if (code !== 'running') process.exit(code); },
  (err: unknown) => {
    const message = isProntoError(err) ? `${err.code}: ${err.message}` : (err as Error).stack ?? String(err);
    process.stderr.write(`pronto-sync: ${message}\n`);
    process.exit(isProntoError(err, 'BAD_REQUEST') ? EX_USAGE : 1);
  },
);
