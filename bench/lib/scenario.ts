// The contract every benchmark scenario keeps, so `npm run bench` can run them one after another
// and print (or write as JSON) one table: each figure is ours beside its raw baseline measured in
// the same run on the same server, because these machines are shared and noisy and only the
// ratio means something.

/** Which way is good for a figure: time and memory lower, throughput higher. */
export type Better = 'lower' | 'higher';

/** One figure of a scenario: every repetition of ours and of its raw baseline, in `unit`. */
export interface Result {
  /** What was measured, e.g. "reconnect backlog: one till, 10,000 offline documents → central". */
  scenario: string;
  /** Unit of every sample: 'ms', 's', 'docs/s', 'MB', 'kB'… */
  unit: string;
  better: Better;
  /** Our path, one sample per repetition. */
  ours: number[];
  /** The raw baseline (plain PouchDB with default options, same documents, same server), one
   *  sample per repetition, taken alternately with ours. Empty only for a figure that has no
   *  baseline (a bundle size); `baselineName` then says so. */
  baseline: number[];
  /** What the baseline is, e.g. "raw PouchDB replicate.to, default options". */
  baselineName: string;
  /** How the samples are summarised in the table: the median unless a percentile is the figure. */
  stat?: 'p50' | 'p95' | 'p99';
  note?: string;
}

/** Where a scenario runs: the embedded server by default, or `COUCHDB_URL` when it is set. */
export interface BenchTarget {
  kind: 'embedded' | 'couchdb';
  /** Base URL without credentials, no trailing slash. */
  url: string;
  adminAuth: { username: string; password: string };
}

export interface BenchContext {
  /** `--quick`: smaller sizes and fewer repetitions, aiming at a whole run under three minutes (3 min 30 s on 2 quiet cores, BENCHMARKS.md). */
  quick: boolean;
  /** Repetitions of each figure (after one warm-up of each side). */
  repeats: number;
  /** One line of progress, shown while the scenario runs (stderr). */
  progress(line: string): void;
}

export interface Scenario {
  /** Short name used on the command line (`npm run bench -- --only NAME`). */
  name: string;
  run(ctx: BenchContext): Promise<Result[]>;
}
