// Central's change-feed dispatcher: follows every managed database (catalog, customers, each
// store-<id>, including stores added while it runs) with a supervised follower each
// (follow-database.ts) and hands every batch of changes to the jobs in feed-jobs.ts: conflicts,
// forged branches, signature and rule checks, duplicate customers and till status.
import type { Logger } from 'pino';
import type Nano from 'nano';
import { basicAuthHeader } from '../couch/basic-auth.js';
import type { CentralClock } from '../central-clock.js';
import type { EventBus } from '../events/event-bus.js';
import { followDatabase, type Follower } from './follow-database.js';
import type { PolicyStore } from '../conflicts/policy-store.js';
import type { CentralDeps } from '../central-deps.js';
import type { AuditWriter } from '../audit/append-audit.js';
import { createDeviceRegistry, type DeviceRegistry } from '../devices/device-registry.js';
import { createApproverRegistry, type ApproverRegistry } from '../approvers/index.js';
import { createStoreDocChecker } from '../devices/verify-store-docs.js';
import { createStatusRelay } from '../devices/status-relay.js';
import { keyVerdict, withDevice } from '../devices/key-verdict.js';
import type { TamperDeps } from '../tamper/settle-tamper.js';
import { createSettledLeaves } from '../conflicts/settled-leaves.js';
import { dispatch, FEED_JOBS, SWEEP_JOBS, type FeedJob, type FeedJobDeps } from './feed-jobs.js';

export interface FeedOptions {
  nano: Nano.ServerScope;
  couchUrl: string;
  auth: { username: string; password: string };
  clock: CentralClock;
  bus: EventBus;
  log: Logger;
  policies: PolicyStore;
  /** Central's audit writer (shared by the process, so appends are serialized). */
  audit: AuditWriter;
  /** How often to look for new store databases (ms). Default 5,000. */
  discoverEveryMs?: number;
  pollTimeoutMs?: number;
  /** Shared with the API (enrollment, revocation); default: a registry of its own. */
  devices?: DeviceRegistry;
  /** Managers' approval keys, shared with the API likewise; default: a registry of its own. */
  approvers?: ApproverRegistry;
  /** See CentralDeps.recordLeaseMs. */
  recordLeaseMs?: number;
  /** Who sent a revision through central's /db (tamper reports name the account). */
  pushedBy?: TamperDeps['pushedBy'];
  /** What to do with each batch; default FEED_JOBS (tests wrap them to make a batch fail). */
  jobs?: readonly FeedJob[];
  /** First retry delay of a failed batch (ms). Default 500. */
  retryBaseMs?: number;
  /** How long stop() waits for each follower's work in hand (ms). Default 10,000. */
  stopGraceMs?: number;
}

export interface Feed {
  /** Databases being followed. */
  databases(): string[];
  stop(): Promise<void>;
}

export const isManaged = (db: string): boolean => db === 'catalog' || db === 'customers' || db.startsWith('store-');

export async function startFeed(opts: FeedOptions): Promise<Feed> {
  const approvers = opts.approvers ?? createApproverRegistry(opts.nano);
  const devices = opts.devices ?? createDeviceRegistry(opts.nano);
  const central: CentralDeps = { nano: opts.nano, clock: opts.clock, bus: opts.bus, log: opts.log, audit: opts.audit, devices, approvers, policy: () => opts.policies.get(), recordLeaseMs: opts.recordLeaseMs };
  const jobDeps: FeedJobDeps = {
    central, devices, approvers, policies: opts.policies,
    checker: createStoreDocChecker(central, devices),
    relayStatus: createStatusRelay(central, devices),
    tamper: { ...central, pushedBy: opts.pushedBy, verdictOf: (db, doc) => withDevice(devices, doc, (device) => keyVerdict(doc, db.slice('store-'.length), device)) },
    arrivals: new Map(), settled: createSettledLeaves(),
  };
  const jobs = opts.jobs ?? FEED_JOBS;
  const sweepJobs = jobs.filter((job) => SWEEP_JOBS.includes(job));
  const authHeader = basicAuthHeader(opts.auth);
  const followers = new Map<string, Follower>();
  let stopped = false;

  const follow = (db: string): Follower => followDatabase({
    nano: opts.nano, couchUrl: opts.couchUrl, authHeader, log: opts.log, db, pollTimeoutMs: opts.pollTimeoutMs, retryBaseMs: opts.retryBaseMs, stopGraceMs: opts.stopGraceMs,
    onChanges: (changes, source) => dispatch(source === 'sweep' ? sweepJobs : jobs, jobDeps, db, changes),
    onCheckpointRefused: (reason) => checkpointRefused(central, db, reason),
  });

  // A follower that ended (it never should: a bug escaped its supervision) is started again; a
  // database that is gone (a store deleted) is no longer followed.
  async function discover(): Promise<void> {
    const all = new Set((await opts.nano.db.list()).filter(isManaged));
    for (const [db, follower] of followers) {
      if (stopped || (all.has(db) && follower.alive())) continue;
      followers.delete(db);
      await follower.stop();
      opts.log.info({ db }, all.has(db) ? 'change feed follower had ended; starting it again' : 'change feed: database gone, no longer followed');
    }
    for (const db of all) {
      if (stopped || followers.has(db)) continue;
      followers.set(db, follow(db));
      opts.log.info({ db }, 'change feed following database');
    }
  }

  await discover();
  // One discovery at a time: a slow list must not let two of them stop or start the same follower.
  let discovering = false;
  const timer = setInterval(() => {
    if (discovering) return;
    discovering = true;
    discover().catch((err: Error) => opts.log.warn({ err: err.message }, 'change feed could not list databases')).finally(() => { discovering = false; });
  }, opts.discoverEveryMs ?? 5_000);
  timer.unref();
  return {
    databases: () => [...followers].filter(([, f]) => f.alive()).map(([db]) => db).sort(),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all([...followers.values()].map((f) => f.stop()));
    },
  };
}

async function checkpointRefused(deps: CentralDeps, db: string, reason: string): Promise<void> {
  deps.log.warn({ db, reason }, 'follower checkpoint refused; following from the beginning');
  await deps.audit.append({ actor: 'central', action: 'checkpoint.refused', target: db, details: { db, reason } });
}
