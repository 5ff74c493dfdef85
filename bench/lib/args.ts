// The command line of `npm run bench`: parsed into a plain object, or a BENCH_ARGS error that
// says what is accepted. Pure: argv in, options out.
import { ProntoError } from '../../validators/errors.js';

export interface BenchOptions {
  quick: boolean;
  /** Scenario names to run; undefined = all. */
  only: string[] | undefined;
  /** File to write the results to as JSON. */
  json: string | undefined;
  /** Repetitions of each figure; undefined = the default for the mode. */
  repeats: number | undefined;
  help: boolean;
}

export const USAGE = `usage: npm run bench -- [--quick] [--only NAME[,NAME]] [--repeats N] [--json FILE]
  --quick         smaller sizes and fewer repetitions (the whole suite in under 3 min on 2 quiet cores)
  --only NAMES    run only these scenarios (comma-separated names, see BENCHMARKS.md)
  --repeats N     repetitions of each figure after the warm-up (default 5, 2 with --quick)
  --json FILE     also write every result, the machine, the versions and the date to FILE
  COUCHDB_URL=http://admin:pass@host:5984  run against that CouchDB instead of the embedded server`;

const bad = (message: string) => new ProntoError('CONFIG_INVALID', `${message}\n${USAGE}`, { name: 'argv' });

export function parseArgs(argv: readonly string[]): BenchOptions {
  const out: BenchOptions = { quick: false, only: undefined, json: undefined, repeats: undefined, help: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = splitFlag(argv[i]!);
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('--'))) throw bad(`${flag} needs a value`);
      return v;
    };
    if (flag === '--quick') out.quick = true;
    else if (flag === '--help' || flag === '-h') out.help = true;
    else if (flag === '--json') out.json = value();
    else if (flag === '--only') out.only = [...(out.only ?? []), ...value().split(',').map((s) => s.trim()).filter(Boolean)];
    else if (flag === '--repeats') {
      const v = value();
      const n = Number(v);
      if (!/^[0-9]+$/.test(v) || n < 1 || n > 1000) throw bad(`--repeats must be a whole number from 1 to 1000, got "${v}"`);
      out.repeats = n;
    } else throw bad(`unknown argument "${argv[i]}"`);
  }
  return out;
}

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}

/** The scenarios `--only` names, in registry order; an unknown name is an error listing the known ones. */
export function selectScenarios<T extends { name: string }>(all: readonly T[], only: readonly string[] | undefined): T[] {
  if (only === undefined) return [...all];
  const known = new Set(all.map((s) => s.name));
  const unknown = only.filter((n) => !known.has(n));
  if (unknown.length > 0) throw bad(`unknown scenario ${unknown.map((n) => `"${n}"`).join(', ')}; known: ${[...known].join(', ') || '(none registered)'}`);
  return all.filter((s) => only.includes(s.name));
}

export const defaultRepeats = (quick: boolean): number => (quick ? 2 : 5);
