// `npm run bench`: runs every registered scenario (./scenarios/index.ts) one after another, with
// progress on stderr, and prints one table of every figure — ours beside its raw baseline of the
// same run — on stdout; `--json FILE` writes the same figures with their samples, the machine,
// the versions and the date. A scenario that throws is reported and the rest still run; the
// exit code is then 1. Options: `npm run bench -- --help`; how to read the table: BENCHMARKS.md.
import { writeFile } from 'node:fs/promises';
import { scenarios } from './scenarios/index.js';
import { defaultRepeats, parseArgs, selectScenarios, USAGE } from './lib/args.js';
import { runScenarios } from './lib/run-scenarios.js';
import { formatTable } from './lib/table.js';
import { buildReport } from './lib/report.js';
import { machine, versions } from './lib/environment.js';
import { parseCouchUrl, stopSharedTarget } from './lib/target.js';
import { stopSharedPosCentral } from './lib/pos-rig.js';

const say = (line: string) => process.stderr.write(`${line}\n`);
/** Per scenario; past it the scenario is reported as failed and the run goes on. */
const timeoutMs = (quick: boolean) => (quick ? 10 : 60) * 60_000;

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // The one setting of a run; bench/lib/target.ts reads it too, for every scenario's server.
  const couchdbUrl = process.env.COUCHDB_URL || undefined;
  const target = couchdbUrl ? { kind: 'couchdb' as const, url: parseCouchUrl(couchdbUrl).url } : { kind: 'embedded' as const };
  const chosen = selectScenarios(scenarios, opts.only);
  const repeats = opts.repeats ?? defaultRepeats(opts.quick);
  const date = new Date().toISOString();
  const where = target.kind === 'couchdb' ? `CouchDB at ${target.url}` : 'the embedded server';
  const mode = `${repeats} repeat(s)${opts.quick ? ', quick' : ''}`;
  say(`Pronto Sync benchmarks: ${chosen.length} scenario(s), ${mode}, against ${where}`);

  const started = performance.now();
  let ran: Awaited<ReturnType<typeof runScenarios>>;
  try {
    ran = await runScenarios(chosen, { quick: opts.quick, repeats, timeoutMs: timeoutMs(opts.quick), say });
  } finally {
    try {
      await stopSharedPosCentral();
    } finally {
      await stopSharedTarget();
    }
  }
  const { summaries, failures } = ran;
  say(`all scenarios in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const m = machine();
  const v = await versions(couchdbUrl);
  // The table names the server and its version, as the JSON's versions.server does.
  const server = target.kind === 'couchdb' ? `${v.server} at ${target.url}` : v.server;
  process.stdout.write(`\nPronto Sync benchmarks, ${date}, ${mode}, against ${server}; ${m.cpus} × ${m.model}, ${m.os}\n\n${formatTable(summaries, failures)}\n`);

  if (opts.json) {
    const report = buildReport({ date, target, quick: opts.quick, repeats, machine: m, versions: v }, summaries, failures);
    await writeFile(opts.json, `${JSON.stringify(report, null, 2)}\n`);
    say(`results written to ${opts.json}`);
  }
  return failures.length > 0 ? 1 : 0;
}

main().then((code) => process.exit(code), (err: unknown) => {
  say(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
});
