// The embedded server's `GET /_db_updates` (https://docs.couchdb.org/en/stable/api/server/common.html#db-updates),
// so central's change feed learns which databases changed the way it does on Apache CouchDB
// (central/feed/watch-db-updates.ts) instead of reading every database every second. The front
// door (couch-door.ts) records each write it lets through, once the server has answered it.
//
// Like CouchDB's, whose feed is the `_changes` of `_global_changes` (one document per database and
// kind of event, `updated:<db>`), it keeps the latest event of each kind per database:
// {db_name, type created|updated|deleted, seq}, in the order they happened.
// Unlike CouchDB's, it lives in memory: a sequence is `<n>-<boot id>`, and a `since` from before
// the server (re)started is refused with 400, which central takes as a feed to start again
// (`since=now`, then every database read from its checkpoint), so nothing written before the
// restart is missed. `feed=normal` (the default) and `feed=longpoll` with `timeout`; continuous
// and eventsource feeds are refused (400): central does not use them.

export type DbUpdateType = 'created' | 'updated' | 'deleted';
export interface DbUpdate { db_name: string; type: DbUpdateType; seq: string }
export interface DbUpdatesAnswer { status: number; body: { results: DbUpdate[]; last_seq: string } | { error: string; reason: string } }

/** CouchDB's default long-poll timeout (ms), and the longest this server will hold one. */
const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_TIMEOUT_MS = 300_000;

export interface DbUpdatesFeed {
  record(db: string, type: DbUpdateType): void;
  /** Answers a request's query (`since`, `feed`, `timeout`); a long-poll ends early when `signal` aborts. */
  answer(query: URLSearchParams, signal: AbortSignal): Promise<DbUpdatesAnswer>;
}

export function createDbUpdatesFeed(bootId: string): DbUpdatesFeed {
  let n = 0;
  /** `<type>:<db>` → the database, the kind and the position of its latest such event. */
  const latest = new Map<string, { db: string; type: DbUpdateType; n: number }>();
  const waiters = new Set<() => void>();
  const seq = (at: number) => `${at}-${bootId}`;
  const after = (since: number): DbUpdate[] => [...latest.values()]
    .filter((e) => e.n > since)
    .sort((a, b) => a.n - b.n)
    .map((e) => ({ db_name: e.db, type: e.type, seq: seq(e.n) }));

  return {
    record(db, type) {
      n += 1;
      latest.set(`${type}:${db}`, { db, type, n });
      for (const wake of [...waiters]) wake();
    },
    async answer(query, signal) {
      const asked = readQuery(query, bootId, n);
      if ('error' in asked) return { status: 400, body: asked };
      let results = after(asked.since);
      if (results.length === 0 && asked.longpoll) {
        await changeOrTimeout(waiters, asked.timeoutMs, signal);
        results = after(asked.since);
      }
      return { status: 200, body: { results, last_seq: results.at(-1)?.seq ?? seq(asked.since) } };
    },
  };
}

type Query = { since: number; longpoll: boolean; timeoutMs: number } | { error: string; reason: string };

/** The request's `since` as a position in this boot, its feed and its timeout; pure. */
export function readQuery(query: URLSearchParams, bootId: string, current: number): Query {
  const feed = query.get('feed') ?? 'normal';
  if (feed !== 'normal' && feed !== 'longpoll') return { error: 'bad_request', reason: `feed=${feed} is not offered by this server: use normal or longpoll.` };
  const timeout = query.get('timeout');
  const timeoutMs = timeout === null ? DEFAULT_TIMEOUT_MS : Number(timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 0) return { error: 'bad_request', reason: 'timeout must be a whole number of milliseconds.' };
  const raw = query.get('since') ?? '0';
  let since: number;
  if (raw === 'now') since = current;
  else if (raw === '0') since = 0;
  else {
    const m = /^(\d+)-([A-Za-z0-9]+)$/.exec(raw);
    if (m === null) return { error: 'bad_request', reason: `Malformed since: ${JSON.stringify(raw.slice(0, 80))}.` };
    if (m[2] !== bootId) return { error: 'bad_request', reason: 'since is from before the server restarted: start again with since=now and read every database.' };
    since = Number(m[1]);
    if (since > current) return { error: 'bad_request', reason: 'since is ahead of this server.' };
  }
  return { since, longpoll: feed === 'longpoll', timeoutMs: Math.min(timeoutMs, MAX_TIMEOUT_MS) };
}

function changeOrTimeout(waiters: Set<() => void>, timeoutMs: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      waiters.delete(done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    waiters.add(done);
    signal.addEventListener('abort', done, { once: true });
    if (signal.aborted) done();
  });
}
