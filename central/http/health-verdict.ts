// What GET /api/health answers, pure: `down` (503) when central cannot serve — CouchDB unreachable
// or setup not done; `degraded` (200: central serves, tills sync) when the change follower does not
// follow a database or has been behind one for longer than allowed (feed/lag-clock.ts: a backlog
// worked through briskly is not lagging, a stalled follower is), so conflicts, signature checks and
// live notices wait; else `ok` (200).
import type { DbLag, FeedMode } from '../feed/index.js';

export type HealthStatus = 'ok' | 'degraded' | 'down';

export interface CouchCheck { reachable: boolean; version?: string; vendor?: string; error?: string; embedded: boolean; restarts: number }
export interface SetupCheck { done: boolean; at: string | null; stores: string[] }

/** What the follower is doing: `unknown` when its lag could not be read (CouchDB slow or gone). */
export type FeedFacts =
  | { read: true; following: readonly string[] | undefined; databases: readonly DbLag[]; mode?: FeedMode }
  | { read: false; error: string };

export interface FeedCheck {
  status: 'ok' | 'stopped' | 'lagging' | 'unknown';
  following: number;
  databases: number;
  /** How this process learns a database changed: CouchDB's `_db_updates`, or a bounded poll of each database. */
  mode?: FeedMode;
  /** Databases not followed by this process now. */
  notFollowed?: string[];
  /** Databases the follower has been behind for longer than allowed: changes waiting, and for how long. */
  lagging?: Array<{ db: string; lag: number | null; secondsBehind: number }>;
  error?: string;
}

export interface HealthReport {
  status: HealthStatus;
  checks: { couchdb: CouchCheck & { status: 'ok' | 'down' }; setup: SetupCheck & { status: 'ok' | 'down' }; feed?: FeedCheck };
}

export function feedCheck(facts: FeedFacts, maxBehindS: number): FeedCheck {
  if (!facts.read) return { status: 'unknown', following: 0, databases: 0, error: facts.error };
  const following = new Set(facts.following ?? []);
  const notFollowed = facts.databases.filter((d) => !following.has(d.db)).map((d) => d.db);
  const lagging = facts.databases.filter((d) => d.secondsBehind > maxBehindS).map((d) => ({ db: d.db, lag: d.lag, secondsBehind: Math.round(d.secondsBehind) }));
  const status = notFollowed.length > 0 ? 'stopped' : lagging.length > 0 ? 'lagging' : 'ok';
  return {
    status, following: facts.databases.length - notFollowed.length, databases: facts.databases.length,
    ...(facts.mode !== undefined ? { mode: facts.mode } : {}),
    ...(notFollowed.length > 0 ? { notFollowed: notFollowed.slice(0, 50) } : {}),
    ...(lagging.length > 0 ? { lagging: lagging.slice(0, 50) } : {}),
  };
}

export function healthVerdict(couchdb: CouchCheck, setup: SetupCheck, feed: FeedCheck | undefined): HealthReport {
  const couchOk = couchdb.reachable;
  const status: HealthStatus = !couchOk || !setup.done ? 'down' : feed !== undefined && feed.status !== 'ok' ? 'degraded' : 'ok';
  return {
    status,
    checks: {
      couchdb: { status: couchOk ? 'ok' : 'down', ...couchdb },
      setup: { status: setup.done ? 'ok' : 'down', ...setup },
      ...(feed !== undefined ? { feed } : {}),
    },
  };
}
