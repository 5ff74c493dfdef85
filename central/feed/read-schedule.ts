// Which databases the change feed reads next, pure: plain data in, plain data out, time as an
// argument. A database is due when something says it changed (a `_db_updates` event, a poll round,
// its discovery) and it has not been read since, or when its pending work is due. Each sign of a
// change takes a new generation number; a read clears only the generation it started with, so a
// database that changes while it is being read is read again. At most `limit` reads run at once;
// the longest-waiting database goes first, and one that failed waits out its back-off.

export interface DbSchedule {
  /** Generation of the latest sign of a change (0: none yet). */
  wanted: number;
  /** Generation the last complete read covered. */
  covered: number;
  /** Generation a read in progress started at; null when not being read. */
  reading: number | null;
  /** Since when it has been waiting (ms): the oldest goes first. */
  waitingSince: number;
  /** Failed reads in a row, and when it may be tried again. */
  errors: number;
  retryAt: number;
  /** When its pending work is due (Infinity: none). */
  dueAt: number;
}

export interface Schedule {
  generation: number;
  dbs: ReadonlyMap<string, DbSchedule>;
}

export const EMPTY_SCHEDULE: Schedule = { generation: 0, dbs: new Map() };

const fresh = (now: number): DbSchedule => ({ wanted: 0, covered: 0, reading: null, waitingSince: now, errors: 0, retryAt: 0, dueAt: Infinity });

/** Whether a database has a change not yet read. */
export const isDirty = (d: DbSchedule): boolean => d.wanted > d.covered;

/** The known databases become `names`: new ones are added, due at once; gone ones are forgotten. */
export function withDatabases(s: Schedule, names: Iterable<string>, now: number): Schedule {
  const keep = new Set(names);
  const dbs = new Map([...s.dbs].filter(([db]) => keep.has(db)));
  for (const db of keep) if (!dbs.has(db)) dbs.set(db, fresh(now));
  return markChanged({ ...s, dbs }, [...keep].filter((db) => !s.dbs.has(db)), now);
}

/** `names` changed (those not known are ignored: discovery adds them). */
export function markChanged(s: Schedule, names: Iterable<string>, now: number): Schedule {
  const generation = s.generation + 1;
  const dbs = new Map(s.dbs);
  for (const db of names) {
    const d = dbs.get(db);
    if (d !== undefined) dbs.set(db, { ...d, wanted: generation, waitingSince: isDirty(d) ? d.waitingSince : now });
  }
  return { generation, dbs };
}

/** Every known database is to be read (a full round: the feed of updates restarted, or a poll). */
export const markAll = (s: Schedule, now: number): Schedule => markChanged(s, s.dbs.keys(), now);

const runnable = (d: DbSchedule, now: number): boolean => d.reading === null && d.retryAt <= now && (isDirty(d) || d.dueAt <= now);

/** The databases to start reading now, oldest waiting first, so that at most `limit` run at once. */
export function pickReads(s: Schedule, now: number, limit: number): string[] {
  const busy = [...s.dbs.values()].filter((d) => d.reading !== null).length;
  if (busy >= limit) return [];
  return [...s.dbs].filter(([, d]) => runnable(d, now))
    .sort(([a, x], [b, y]) => x.waitingSince - y.waitingSince || (a < b ? -1 : 1))
    .slice(0, limit - busy).map(([db]) => db);
}

function update(s: Schedule, db: string, change: (d: DbSchedule) => DbSchedule): Schedule {
  const d = s.dbs.get(db);
  if (d === undefined) return s;
  const dbs = new Map(s.dbs);
  dbs.set(db, change(d));
  return { ...s, dbs };
}

export const readStarted = (s: Schedule, db: string): Schedule => update(s, db, (d) => ({ ...d, reading: d.wanted }));

/** A read ended well: what it started with is covered if it caught up; else it waits its turn again. */
export function readDone(s: Schedule, db: string, result: { caughtUp: boolean; dueAt: number }, now: number): Schedule {
  return update(s, db, (d) => {
    const covered = result.caughtUp ? Math.max(d.covered, d.reading ?? d.covered) : d.covered;
    const next = { ...d, covered, reading: null, errors: 0, retryAt: 0, dueAt: result.dueAt };
    return isDirty(next) ? { ...next, waitingSince: now } : next;
  });
}

/** A read failed: the database stays due (a new generation: it covered nothing) and is tried again after `backoffMs(errors)`. */
export function readFailed(s: Schedule, db: string, now: number, backoffMs: (errors: number) => number): Schedule {
  if (!s.dbs.has(db)) return s;
  const generation = s.generation + 1;
  return update({ ...s, generation }, db, (d) => {
    const errors = d.errors + 1;
    return { ...d, reading: null, errors, retryAt: now + backoffMs(errors), wanted: generation };
  });
}

/**
 * A round is over: nothing being read, nothing left to read but databases waiting out a back-off
 * (one that keeps failing retries on its own; it must not hold back the rounds of all the others).
 */
export const isIdle = (s: Schedule): boolean => [...s.dbs.values()].every((d) => d.reading === null && (!isDirty(d) || d.errors > 0));
