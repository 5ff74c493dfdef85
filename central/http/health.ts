// GET /api/health, without login (tills also read its `Date` as central's clock): `ok`, `degraded`
// or `down` with the checks behind it (health-verdict.ts) — CouchDB reachable and its version,
// setup done, and the change follower following every managed database without lagging. HTTP 200
// for ok and degraded, 503 for down. `couchdb` and `setup` are also kept at the top level, as
// callers before `checks` read them.
import type { Request, Response } from 'express';
import type { CentralState } from '../state.js';
import type { FeedLagReader } from '../feed/index.js';
import { feedCheck, healthVerdict, type CouchCheck, type FeedCheck } from './health-verdict.js';

/** Read at each request: setup fills these in after the app is built, the feed starts after setup. */
export type HealthDeps = Pick<CentralState, 'couch' | 'setupDoneAt' | 'stores' | 'feed'> & { feedLag: FeedLagReader };

/** A follower behind a database for longer than this (seconds) makes central `degraded`. */
export const MAX_FEED_BEHIND_S = 60;

export function health(state: HealthDeps, maxBehindS = MAX_FEED_BEHIND_S) {
  return async (_req: Request, res: Response): Promise<void> => {
    const couchdb = await couchCheck(state);
    const setup = { done: state.setupDoneAt !== null, at: state.setupDoneAt, stores: state.stores };
    const feed = couchdb.reachable && setup.done ? await followerCheck(state, maxBehindS) : undefined;
    const report = healthVerdict(couchdb, setup, feed);
    const { status: _c, ...couchFields } = report.checks.couchdb;
    const { status: _s, ...setupFields } = report.checks.setup;
    res.status(report.status === 'down' ? 503 : 200).json({ ...report, couchdb: couchFields, setup: setupFields });
  };
}

async function couchCheck(state: HealthDeps): Promise<CouchCheck> {
  const embedded = { embedded: state.couch.embedded !== undefined, restarts: state.couch.embedded?.restarts() ?? 0 };
  try {
    const r = await fetch(`${state.couch.url}/`, { signal: AbortSignal.timeout(5_000) });
    const body = (await r.json()) as { version?: string; vendor?: { name?: string } };
    return { reachable: r.ok, version: body.version, vendor: body.vendor?.name, ...embedded };
  } catch (err) {
    return { reachable: false, error: (err as Error).message, ...embedded };
  }
}

async function followerCheck(state: HealthDeps, maxBehindS: number): Promise<FeedCheck> {
  try {
    const { databases } = await state.feedLag.read();
    return feedCheck({ read: true, following: state.feed?.databases(), databases, mode: state.feed?.mode() }, maxBehindS);
  } catch (err) {
    return feedCheck({ read: false, error: (err as Error).message }, maxBehindS);
  }
}
