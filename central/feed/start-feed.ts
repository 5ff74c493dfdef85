// The resolver worker: follows every database it manages (catalog, customers, each store-<id>,
// including stores added while it runs) and, for each change, settles revision conflicts,
// merges duplicate customers, settles forged branches of sales, movements and returns (tamper
// incidents), verifies and quarantines unsigned or forged ones and those that break central's
// business rules, picks up policy, device-key and catalog changes and relays verified till
// status to the admin UI.
import type { Logger } from 'pino';
import { basicAuthHeader } from '../couch/basic-auth.js';
import type Nano from 'nano';
import type { CentralClock } from '../central-clock.js';
import type { EventBus } from '../events/event-bus.js';
import { followDatabase, type Change, type Follower } from './follow-database.js';
import { resolveDocuments } from '../conflicts/resolve-document.js';
import { mergeDuplicates } from '../duplicates/merge-duplicates.js';
import { POLICY_ID, type PolicyStore } from '../conflicts/policy-store.js';
import type { CentralDeps } from '../central-deps.js';
import type { AuditWriter } from '../audit/append-audit.js';
import { createDeviceRegistry, type DeviceRegistry } from '../devices/device-registry.js';
import { createApproverRegistry, type ApproverRegistry } from '../approvers/index.js';
import { SIGNED_TYPES, createStoreDocChecker, verifyStoreDocs } from '../devices/verify-store-docs.js';
import { createStatusRelay } from '../devices/status-relay.js';
import { keyVerdict, withDevice } from '../devices/key-verdict.js';
import { settleTamper, type TamperDeps } from '../tamper/settle-tamper.js';

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
}

export interface Feed {
  /** Databases being followed. */
  databases(): string[];
  stop(): Promise<void>;
}

export const isManaged = (db: string): boolean => db === 'catalog' || db === 'customers' || db.startsWith('store-');

export async function startFeed(opts: FeedOptions): Promise<Feed> {
  const audit = opts.audit;
  const approvers = opts.approvers ?? createApproverRegistry(opts.nano);
  const deps: CentralDeps = { nano: opts.nano, clock: opts.clock, bus: opts.bus, log: opts.log, audit, approvers, policy: () => opts.policies.get(), recordLeaseMs: opts.recordLeaseMs };
  const authHeader = basicAuthHeader(opts.auth);
  const devices = opts.devices ?? createDeviceRegistry(opts.nano);
  const checker = createStoreDocChecker(deps, devices);
  const relayStatus = createStatusRelay(deps, devices);
  const tamperDeps: TamperDeps = {
    ...deps, pushedBy: opts.pushedBy,
    verdictOf: (db, doc) => withDevice(devices, doc, (device) => keyVerdict(doc, db.slice('store-'.length), device)),
  };
  const followers = new Map<string, Follower>();
  let stopped = false;

  const onChanges = (db: string) => async (changes: Change[]): Promise<string[]> => {
    if (db === 'catalog' && changes.some((c) => c.id === POLICY_ID)) opts.policies.invalidate();
    if (db === 'catalog') for (const c of changes) if (c.id.startsWith('device:')) devices.invalidate(c.id);
    // Another central process may have registered or revoked a manager's key: it counts at once here too.
    if (db === 'catalog') for (const c of changes) if (c.id.startsWith('approver:')) approvers.invalidate(c.id.slice('approver:'.length));
    if (db === 'catalog') checker.rules.facts.invalidate(changes.map((c) => c.id));
    // A change listing several leaves (style=all_docs), or a backlog sweep entry, may be a conflict.
    // A store's immutable documents never take part in conflict resolution: a second live leaf of
    // one is a forged branch (or one sale voided at two tills), settled first by central/tamper.
    const immutable = (id: string) => db.startsWith('store-') && SIGNED_TYPES.has(id.split(':')[0]!);
    const leafRequest = (c: Change) => ({ id: c.id, revs: c.changes.map((r) => r.rev) });
    await settleTamper(tamperDeps, db, changes.filter((c) => c.changes.length !== 1 && immutable(c.id)).map(leafRequest));
    const candidates = changes.filter((c) => c.changes.length !== 1 && !immutable(c.id));
    const outcomes = await resolveDocuments(deps, db, candidates.map(leafRequest));
    // New sales, movements and returns must carry a valid signature of a registered device key and keep the business rules.
    if (db.startsWith('store-')) await verifyStoreDocs(checker, db, changes.filter((c) => immutable(c.id) && !c.deleted).map((c) => c.id));
    if (db === 'customers') await mergeDuplicates(deps, changes.filter((c) => c.id.startsWith('customer:') && !c.deleted).map((c) => c.id));
    for (const change of changes) {
      if (db.startsWith('store-') && change.id.startsWith('store-status:') && !change.deleted) await relayStatus(db, change.id);
    }
    return candidates.filter((_, i) => outcomes[i] === 'deferred').map((c) => c.id);
  };

  async function discover(): Promise<void> {
    const all = (await opts.nano.db.list()).filter(isManaged);
    for (const db of all) {
      if (stopped || followers.has(db)) continue;
      followers.set(db, followDatabase({
        nano: opts.nano, couchUrl: opts.couchUrl, authHeader, log: opts.log, db, onChanges: onChanges(db), pollTimeoutMs: opts.pollTimeoutMs,
        onCheckpointRefused: (reason) => checkpointRefused(deps, db, reason),
      }));
      opts.log.info({ db }, 'resolver following database');
    }
  }

  await discover();
  const timer = setInterval(() => discover().catch((err: Error) => opts.log.warn({ err: err.message }, 'resolver could not list databases')), opts.discoverEveryMs ?? 5_000);
  timer.unref();
  return {
    databases: () => [...followers.keys()].sort(),
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
