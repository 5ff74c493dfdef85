// The resolver worker: follows every database it manages (catalog, customers, each store-<id>,
// including stores added while it runs) and, for each change, settles revision conflicts,
// merges duplicate customers, verifies and quarantines unsigned or forged sales, movements and
// returns and those that break central's business rules, picks up policy, device-key and catalog
// changes and relays verified till status to the admin UI.
import type { Logger } from 'pino';
import { basicAuthHeader } from '../couch/basic-auth.js';
import type Nano from 'nano';
import type { CentralClock } from '../central-clock.js';
import type { EventBus } from '../events/event-bus.js';
import { followDatabase, type Change, type Follower } from './follow-database.js';
import { resolveDocuments } from './resolve-document.js';
import { mergeDuplicates } from './merge-duplicates.js';
import { POLICY_ID, type PolicyStore } from './policy-store.js';
import type { ResolverDeps } from './resolver-deps.js';
import type { AuditWriter } from '../audit/append-audit.js';
import { createDeviceRegistry, type DeviceRegistry } from '../devices/device-registry.js';
import { SIGNED_TYPES, createStoreDocChecker, verifyStoreDocs } from '../devices/verify-store-docs.js';
import { createStatusRelay } from '../devices/status-relay.js';

export interface ResolverOptions {
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
  /** See ResolverDeps.recordLeaseMs. */
  recordLeaseMs?: number;
}

export interface Resolver {
  /** Databases being followed. */
  databases(): string[];
  stop(): Promise<void>;
}

export const isManaged = (db: string): boolean => db === 'catalog' || db === 'customers' || db.startsWith('store-');

export async function startResolver(opts: ResolverOptions): Promise<Resolver> {
  const audit = opts.audit;
  const deps: ResolverDeps = { nano: opts.nano, clock: opts.clock, bus: opts.bus, log: opts.log, audit, policy: () => opts.policies.get(), recordLeaseMs: opts.recordLeaseMs };
  const authHeader = basicAuthHeader(opts.auth);
  const devices = opts.devices ?? createDeviceRegistry(opts.nano);
  const checker = createStoreDocChecker(deps, devices);
  const relayStatus = createStatusRelay(deps, devices);
  const followers = new Map<string, Follower>();
  let stopped = false;

  const onChanges = (db: string) => async (changes: Change[]): Promise<string[]> => {
    if (db === 'catalog' && changes.some((c) => c.id === POLICY_ID)) opts.policies.invalidate();
    if (db === 'catalog') for (const c of changes) if (c.id.startsWith('device:')) devices.invalidate(c.id);
    if (db === 'catalog') checker.rules.facts.invalidate(changes.map((c) => c.id));
    // A change listing several leaves (style=all_docs), or a backlog sweep entry, may be a conflict.
    // Not for a store's immutable documents: their only conflict is two tills voiding one sale
    // (one id per void), validate_doc_update forbids the tombstone that would settle it, and every
    // replica's views count CouchDB's one deterministic winner, so it is left as it is.
    const immutable = (id: string) => db.startsWith('store-') && SIGNED_TYPES.has(id.split(':')[0]!);
    const candidates = changes.filter((c) => c.changes.length !== 1 && !immutable(c.id));
    const outcomes = await resolveDocuments(deps, db, candidates.map((c) => ({ id: c.id, revs: c.changes.map((r) => r.rev) })));
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
      followers.set(db, followDatabase({ nano: opts.nano, couchUrl: opts.couchUrl, authHeader, log: opts.log, db, onChanges: onChanges(db), pollTimeoutMs: opts.pollTimeoutMs }));
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
