// `npm run bench`: runs every registered scenario (./scenarios/index.ts) one after another, with
// progress on stderr, and prints one table of every figure — ours beside its raw baseline of the
// same run — on stdout; `--json FILE` writes the same figures with their samples, the machine,
// the versions and the date. A scenario that throws is reported and the rest still run; the
// exit code is then 1. Options: `npm run bench -- --help`; how to read the table: BENCHMARKS.md.
import { writeFile } from 'node:fs/promises';
import { scenarios } from './scenarios/index.js';
import { defaultRepeats, parseArgs, selectScenarios, USAGE } from './lib/args.js';
import { summarize, type Summary } from './lib/stats.js';
import { formatTable, type Failure } from './lib/table.js';
import { buildReport } from './lib/report.js';
import { machine, versions } from './lib/environment.js';
import { parseCouchUrl } from './lib/target.js';

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** A scenario still running after this is reported as failed and the run goes on (its work is
 *  abandoned; the process exits at the end). */
const scenarioTimeoutMs = (quick: boolean) => (quick ? 10 : 60) * 60_000;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${secs(ms)}`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
const say = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const couchdbUrl = process.env.COUCHDB_URL || undefined;
  const target = couchdbUrl ? { kind: 'couchdb' as const, url: parseCouchUrl(couchdbUrl).url } : { kind: 'embedded' as const };
  const chosen = selectScenarios(scenarios, opts.only);
  const repeats = opts.repeats ?? defaultRepeats(opts.quick);
  const date = new Date().toISOString();
  say(`Pronto Sync benchmarks: ${chosen.length} scenario(s), ${repeats} repeat(s)${opts.quick ? ', quick' : ''}, against ${target.kind === 'couchdb' ? `CouchDB at ${target.url}` : 'the embedded server'}`);

  const summaries: Summary[] = [];
  const failures: Failure[] = [];
  const started = performance.now();
  for (const [i, scenario] of chosen.entries()) {
    const t0 = performance.now();
    const head = `[${i + 1}/${chosen.length}] ${scenario.name}`;
    say(`${head} …`);
    const progress = (line: string) => say(`${head} ${secs(performance.now() - t0)}: ${line}`);
    try {
      const results = await withTimeout(scenario.run({ quick: opts.quick, repeats, progress }), scenarioTimeoutMs(opts.quick), scenario.name);
      summaries.push(...results.map(summarize));
      say(`${head} done in ${secs(performance.now() - t0)}, ${results.length} figure(s)`);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      failures.push({ scenario: scenario.name, message });
      say(`${head} FAILED after ${secs(performance.now() - t0)}: ${err instanceof Error && err.stack ? err.stack : message}`);
    }
  }
  say(`all scenarios in ${secs(performance.now() - started)}`);
  process.stdout.write(`\n${formatTable(summaries, failures)}\n`);

  if (opts.json) {
    const report = buildReport({ date, target, quick: opts.quick, repeats, machine: machine(), versions: await versions(couchdbUrl) }, summaries, failures);
    await writeFile(opts.json, `${JSON.stringify(report, null, 2)}\n`);
    say(`results written to ${opts.json}`);
  }
  return failures.length > 0 ? 1 : 0;
}

main().then((code) => process.exit(code), (err: unknown) => {
  say(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
});
