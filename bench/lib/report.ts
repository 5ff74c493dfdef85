// The JSON `--json FILE` writes: every figure summarised with its samples, every failed
// scenario, and where and when it was measured. Pure: the parts in, one object out.
import type { Summary } from './stats.js';
import type { Failure } from './table.js';

export interface Machine { cpus: number; model: string; memoryMb: number; os: string }

export interface Versions {
  node: string;
  pouchdb: string;
  /** express-pouchdb's version for the embedded server; CouchDB's `version` from GET / otherwise. */
  server: string;
  project: string;
  /** `git rev-parse HEAD`, with `-dirty` when the tree has changes; 'unknown' outside a checkout. */
  commit: string;
}

export interface BenchReport {
  date: string;
  target: { kind: 'embedded' | 'couchdb'; url?: string };
  quick: boolean;
  repeats: number;
  machine: Machine;
  versions: Versions;
  results: Summary[];
  failures: Failure[];
}

export function buildReport(parts: Omit<BenchReport, 'results' | 'failures'>, results: readonly Summary[], failures: readonly Failure[]): BenchReport {
  return { ...parts, results: [...results], failures: [...failures] };
}
