// The admin console benchmark on its own (the suite runs it as the `admin` scenario,
// bench/scenarios/admin.ts): after `npm run build:admin`,
//   npx tsx bench/admin.ts [--quick]     (BENCH_ADMIN_REPEATS: 10 runs, or 3 with --quick)
// Full: 50 stores and 10,000 conflicts, about 10 minutes; --quick: 10 stores, 1,000 conflicts.
import { table } from './admin/samples.js';
import { admin } from './scenarios/admin.js';

const quick = process.argv.includes('--quick');
const repeats = Number(process.env.BENCH_ADMIN_REPEATS ?? (quick ? 3 : 10));
const t0 = Date.now();

admin.run({ quick, repeats, progress: (line) => process.stderr.write(`  … ${((Date.now() - t0) / 1000).toFixed(0).padStart(3)} s  ${line}\n`) }).then((results) => {
  process.stdout.write([
    '',
    `Pronto Sync admin console benchmark — Chromium headless, loopback, embedded server; ${repeats} runs each${quick ? ' (--quick)' : ''}`,
    '',
    table(results.map(({ note, ...r }) => r)),
    '',
    ...results.filter((r) => r.note).map((r) => `${r.scenario}: ${r.note}`),
    'console loads: navigation start → DOM shows it (in the page); interactions: click → DOM shows the effect; API: request → body read, with the console\'s session cookie',
    `whole run ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  ].join('\n') + '\n');
  process.exit(0);
}, (err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
