// Reads the managed databases' changes as the schedule says (read-schedule.ts), at most
// `concurrency` at once, each read a turn of read-database.ts: the I/O shell around the pure
// schedule. A read that fails is logged and retried with back-off; none can end the following.
// stop() aborts the reads' own requests and waits for the work in hand up to a grace period.
import type { Logger } from 'pino';
import { backoffDelay } from '../../store-client/index.js';
import { abortableDelay } from './abortable-delay.js';
import type { DatabaseReader } from './read-database.js';
import { EMPTY_SCHEDULE, isIdle, markAll, markChanged, pickReads, readDone, readFailed, readStarted, withDatabases, type Schedule } from './read-schedule.js';

export interface FollowDatabasesOptions {
  readerFor(db: string): DatabaseReader;
  log: Logger;
  /** Reads running at once (each holds a connection or so to CouchDB). */
  concurrency: number;
  /** How long stop() waits for the reads in hand (ms). */
  stopGraceMs: number;
  /** How often time-driven work is looked at: back-offs over, pending work due (ms). Default 200. */
  tickMs?: number;
}

export interface Following {
  /** The databases to follow now (new ones are read at once, gone ones forgotten). */
  setDatabases(names: readonly string[]): void;
  /** These databases changed: read them (again, if a read is under way). */
  changed(names: readonly string[]): void;
  /** A full round: every database is read from its checkpoint. */
  readAll(): void;
  /** Nothing to read and nothing being read. */
  idle(): boolean;
  databases(): string[];
  stop(): Promise<void>;
}

const retryAfter = (errors: number) => backoffDelay(errors - 1, { baseMs: 250, maxMs: 30_000 }, () => 1);

export function followDatabases(opts: FollowDatabasesOptions): Following {
  const { log } = opts;
  const abort = new AbortController();
  const readers = new Map<string, DatabaseReader>();
  const running = new Set<Promise<void>>();
  let schedule: Schedule = EMPTY_SCHEDULE;

  function start(db: string, reader: DatabaseReader): void {
    schedule = readStarted(schedule, db);
    // A database dropped and found again meanwhile has a new reader: an old read's outcome is not its.
    const mine = () => readers.get(db) === reader;
    const read: Promise<void> = reader.read(abort.signal).then(
      (result) => { if (mine()) schedule = readDone(schedule, db, result, Date.now()); },
      (err: Error) => {
        if (abort.signal.aborted || !mine()) return;
        schedule = readFailed(schedule, db, Date.now(), retryAfter);
        log.warn({ db, errors: schedule.dbs.get(db)?.errors, err: err.message }, 'change feed error; retrying');
      },
    ).finally(() => {
      running.delete(read);
      pump();
    });
    running.add(read);
  }

  function pump(): void {
    if (abort.signal.aborted) return;
    for (const db of pickReads(schedule, Date.now(), opts.concurrency)) start(db, readers.get(db)!);
  }

  const timer = setInterval(pump, opts.tickMs ?? 200);
  timer.unref();

  return {
    setDatabases(names) {
      if (abort.signal.aborted) return;
      const keep = new Set(names);
      for (const db of readers.keys()) if (!keep.has(db)) { readers.delete(db); log.info({ db }, 'change feed: database gone, no longer followed'); }
      for (const db of keep) if (!readers.has(db)) { readers.set(db, opts.readerFor(db)); log.info({ db }, 'change feed following database'); }
      schedule = withDatabases(schedule, keep, Date.now());
      pump();
    },
    changed(names) {
      schedule = markChanged(schedule, names, Date.now());
      pump();
    },
    readAll() {
      schedule = markAll(schedule, Date.now());
      pump();
    },
    idle: () => isIdle(schedule),
    databases: () => (abort.signal.aborted ? [] : [...readers.keys()].sort()),
    async stop() {
      abort.abort();
      clearInterval(timer);
      // The reads' own requests are aborted at once; a job's request CouchDB never answers must
      // not hold a shutdown: past the grace period the reads are let go.
      const grace = new AbortController();
      const stopped = await Promise.race([Promise.all(running).then(() => true), abortableDelay(opts.stopGraceMs, grace.signal).then(() => false)]);
      grace.abort();
      if (!stopped) log.error({ reading: running.size }, 'change feed follower did not stop in time: a request to CouchDB is still unanswered');
    },
  };
}
