// Runs scenarios one after another with progress lines, each bounded in time; a scenario that
// throws (or overruns) becomes a failure and the rest still run. The runner's loop, apart from
// the command line and the printing (bench/run.ts), so it can be tested with plain scenarios.
import { summarize, type Summary } from './stats.js';
import type { Failure } from './table.js';
import type { Scenario } from './scenario.js';

export interface RunOptions {
  quick: boolean;
  repeats: number;
  /** A scenario still running after this is reported as failed (its work is abandoned). */
  timeoutMs: number;
  /** Progress lines (stderr in the runner). */
  say(line: string): void;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${secs(ms)}`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function runScenarios(chosen: readonly Scenario[], opts: RunOptions): Promise<{ summaries: Summary[]; failures: Failure[] }> {
  const summaries: Summary[] = [];
  const failures: Failure[] = [];
  for (const [i, scenario] of chosen.entries()) {
    const t0 = performance.now();
    const head = `[${i + 1}/${chosen.length}] ${scenario.name}`;
    opts.say(`${head} …`);
    const progress = (line: string) => opts.say(`${head} ${secs(performance.now() - t0)}: ${line}`);
    try {
      const results = await withTimeout((async () => scenario.run({ quick: opts.quick, repeats: opts.repeats, progress }))(), opts.timeoutMs, scenario.name);
      summaries.push(...results.map((r) => ({ ...summarize(r), from: scenario.name })));
      opts.say(`${head} done in ${secs(performance.now() - t0)}, ${results.length} figure(s)`);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      failures.push({ scenario: scenario.name, message });
      opts.say(`${head} FAILED after ${secs(performance.now() - t0)}: ${err instanceof Error && err.stack ? err.stack : message}`);
    }
  }
  return { summaries, failures };
}
