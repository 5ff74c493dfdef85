// Central's change-feed dispatcher: follows every managed database (catalog, customers, each
// store-<id>, including stores added while it runs) and hands every batch of changes to the jobs
// in feed-jobs.ts: conflicts, forged branches, signature and rule checks, duplicate customers and
// till status. No long-poll per database (500 stores would be 500 open connections): one
// `_db_updates` long-poll says which databases changed (watch-db-updates.ts), and only those are
// read, a few at a time (follow-databases.ts, read-schedule.ts); a server without that feed (a
// CouchDB with no `_global_changes`) is polled instead, every database in turn (change-signals.ts).
// The embedded server has one of its own (central/couch/db-updates-feed.ts).
import type { Logger } from 'pino';
import type Nano from 'nano';
import { basicAuthHeader } from '../couch/basic-auth.js';
import type { CentralClock } from '../central-clock.js';
import type { EventBus } from '../events/event-bus.js';
import { createDatabaseReader } from './read-database.js';
import { followDatabases } from './follow-databases.js';
import { startChangeSignals, type FeedMode } from './change-signals.js';
import { createSessionAuth } from './session-auth.js';
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
import { DEFAULT_READ_CONCURRENCY } from './read-concurrency.js';

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
  /** How often to look for new store databases (ms). Default 5,000 (sooner when `_db_updates` reports one). */
  discoverEveryMs?: number;
  /** Long-poll timeout asked of `_db_updates` (ms). Default 25,000. */
  pollTimeoutMs?: number;
  /** Without `_db_updates`: the wait between the end of one round of reads and the next (ms). Default 1,000. */
  pollEveryMs?: number;
  /** With `_db_updates`: a full round anyway this often, since its events can be lost (ms). Default 60,000. */
  safetyRoundMs?: number;
  /** Databases read at once (each holds a connection or two to CouchDB while it reads). Default DEFAULT_READ_CONCURRENCY (read-concurrency.ts). */
  readConcurrency?: number;
  /** Use `_db_updates` where the server has it. Default true (false: always poll). */
  dbUpdates?: boolean;
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
  /** How long stop() waits for the work in hand (ms). Default 10,000. */
  stopGraceMs?: number;
}

export type { FeedMode };

export interface Feed {
  /** Databases being followed. */
  databases(): string[];
  mode(): FeedMode;
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
  const session = createSessionAuth(opts.couchUrl, opts.auth, authHeader, opts.log);
  const following = followDatabases({
    log: opts.log, concurrency: opts.readConcurrency ?? DEFAULT_READ_CONCURRENCY, stopGraceMs: opts.stopGraceMs ?? 10_000,
    readerFor: (db) => createDatabaseReader({
      nano: opts.nano, couchUrl: opts.couchUrl, auth: session, log: opts.log, db, retryBaseMs: opts.retryBaseMs,
      onChanges: (changes, source) => dispatch(source === 'sweep' ? sweepJobs : jobs, jobDeps, db, changes),
      onCheckpointRefused: (reason) => checkpointRefused(central, db, reason),
    }),
  });
  const stop = new AbortController();

  // One discovery at a time: a slow list must not race another over the same databases.
  let discovering: Promise<void> | undefined;
  const discover = (): Promise<void> => (discovering ??= opts.nano.db.list()
    .then((all) => following.setDatabases(stop.signal.aborted ? [] : all.filter(isManaged)))
    .finally(() => { discovering = undefined; }));
  const discoverLogged = () => discover().catch((err: Error) => opts.log.warn({ err: err.message }, 'change feed could not list databases'));

  await discover();
  const timer = setInterval(discoverLogged, opts.discoverEveryMs ?? 5_000);
  timer.unref();

  const signals = startChangeSignals({
    couchUrl: opts.couchUrl, authHeader, log: opts.log, following, isManaged, rediscover: () => void discoverLogged(),
    useDbUpdates: opts.dbUpdates !== false, longPollMs: opts.pollTimeoutMs ?? 25_000,
    pollEveryMs: opts.pollEveryMs ?? 1_000, safetyRoundMs: opts.safetyRoundMs ?? 60_000,
  });

  return {
    databases: () => following.databases(),
    mode: () => signals.mode(),
    async stop() {
      stop.abort();
      clearInterval(timer);
      await Promise.all([following.stop(), signals.stop()]);
    },
  };
}

async function checkpointRefused(deps: CentralDeps, db: string, reason: string): Promise<void> {
  deps.log.warn({ db, reason }, 'follower checkpoint refused; following from the beginning');
  await deps.audit.append({ actor: 'central', action: 'checkpoint.refused', target: db, details: { db, reason } });
}
