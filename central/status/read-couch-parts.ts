// The parts of `pronto-sync status` read from CouchDB with the server admin's nano, read-only:
// design docs against what design-docs builds (and the accounts doc in `_users`), `_security`
// against setup/security.ts, the change follower's checkpoints against each database's
// update_seq, per store the panel's figures (central/panel: till status docs, refusals,
// quarantine, conflicts), the conflict queue's total and the audit chain.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type Nano from 'nano';
import { buildDesignDocs, designDocChanged, type DesignDoc } from '../../design-docs/index.js';
import { accountsDesignDoc } from '../accounts/accounts-design-doc.js';
import { verifyAuditTrail } from '../audit/verify-trail.js';
import { mapLimit } from '../map-limit.js';
import { couchError, isStatus } from '../couch/errors.js';
import { createDeviceRegistry } from '../devices/device-registry.js';
import { createEventBus } from '../events/event-bus.js';
import { isManaged, loadCheckpoint, seqNumber } from '../feed/index.js';
import { createPanel, type StorePanel } from '../panel/index.js';
import { CENTRAL_DATABASES } from '../setup/central-databases.js';
import { sameSecurity, securityFor, type SecurityObject } from '../setup/security.js';
import type { AuditFact, DesignDocFact, FollowerFact, SecurityFact, StoreFacts } from './status-facts.js';

const IN_FLIGHT = 6;

/** Every database setup manages, given the chain's store ids. */
export function managedDatabases(stores: readonly string[]): string[] {
  return ['catalog', 'customers', 'audit', ...stores.map((s) => `store-${s}`), ...Object.values(CENTRAL_DATABASES)];
}

export async function readDesignDocs(nano: Nano.ServerScope, stores: readonly string[]): Promise<DesignDocFact[]> {
  const built = buildDesignDocs();
  const wanted: Array<[string, DesignDoc]> = [
    ['catalog', built.catalog], ['customers', built.customers], ['audit', built.audit], [CENTRAL_DATABASES.stats, built.stats],
    ...stores.map((s): [string, DesignDoc] => [`store-${s}`, built.store]), ['_users', accountsDesignDoc],
  ];
  return mapLimit(wanted, IN_FLIGHT, async ([db, doc]) => {
    let current: object | undefined;
    try {
      current = (await nano.request({ db, doc: doc._id })) as object;
    } catch (err) {
      if (!isStatus(err, 404)) throw couchError(err, `reading ${doc._id} in ${db}`);
    }
    const state = current === undefined ? 'missing' : designDocChanged(current, doc) ? 'stale' : 'current';
    return { db, id: doc._id, state };
  });
}

export async function readSecurity(nano: Nano.ServerScope, dbs: readonly string[]): Promise<SecurityFact[]> {
  return mapLimit(dbs, IN_FLIGHT, async (db) => {
    try {
      const current = (await nano.request({ db, path: '_security' })) as Partial<SecurityObject>;
      return { db, ok: sameSecurity(current, securityFor(db)) };
    } catch (err) {
      if (isStatus(err, 404)) return { db, ok: false }; // the database itself is missing
      throw couchError(err, `reading _security of ${db}`);
    }
  });
}

/** The follower's position in each database it follows (catalog, customers, store-<id>). */
export async function readFollower(nano: Nano.ServerScope, dbs: readonly string[]): Promise<FollowerFact[]> {
  return mapLimit(dbs.filter(isManaged), IN_FLIGHT, async (db) => {
    let info: { update_seq?: unknown };
    try {
      info = (await nano.request({ db })) as { update_seq?: unknown };
    } catch (err) {
      throw couchError(err, `reading the update_seq of ${db}`);
    }
    const checkpoint = await loadCheckpoint(nano, db);
    return {
      db, updateSeq: seqNumber(info.update_seq) ?? 0,
      checkpointSeq: checkpoint.check.ok ? seqNumber(checkpoint.check.since) : null,
      retrying: checkpoint.pending.changes.length,
    };
  });
}

export async function readStores(nano: Nano.ServerScope, tillSilentAfterMs: number): Promise<StoreFacts[]> {
  const panel = createPanel({ nano, bus: createEventBus(), devices: createDeviceRegistry(nano), tillSilentAfterMs });
  return (await panel.stores(() => true)).map(storeFactsOf);
}

/** One store's line, from the console's panel: tills counted, pending summed, the latest till heard. */
export function storeFactsOf(s: StorePanel): StoreFacts {
  const heard = s.tills.map((t) => t.lastHeardAt).filter((at): at is string => at !== null).sort();
  return {
    store: s.store, name: s.name, active: s.active,
    lastSeen: heard.at(-1) ?? null,
    tills: s.tills.length,
    silentTills: s.tills.filter((t) => t.stale).length,
    pending: s.tills.reduce((sum, t) => sum + (typeof t.pending === 'number' ? t.pending : 0), 0),
    refused: s.figures.refused, quarantined: s.figures.quarantined.total, conflicts: s.figures.conflicts,
  };
}

/** Conflicts waiting for an admin in every database: the conflict queue's "every store" range. */
export async function readConflictsWaiting(nano: Nano.ServerScope): Promise<number> {
  try {
    const res = await nano.use('audit').view('pronto', 'conflict-queue', { startkey: ['pending', '*', 'all', ''], endkey: ['pending', '*', 'all', '', {}], reduce: true });
    return (res.rows[0]?.value as number | undefined) ?? 0;
  } catch (err) {
    throw couchError(err, 'counting the conflicts waiting');
  }
}

/** The audit chain against central's key: AUDIT_KEY, else DATA_DIR/audit-key (never generated here). */
export async function readAudit(nano: Nano.ServerScope, dataDir: string, fromEnv: string | undefined): Promise<AuditFact> {
  const key = fromEnv !== undefined ? Buffer.from(fromEnv, 'base64url') : await storedKey(path.join(dataDir, 'audit-key'));
  if (key === undefined) return { state: 'unverified', reason: `no audit key: set AUDIT_KEY or run with central's DATA_DIR (${dataDir})` };
  const report = await verifyAuditTrail(nano, key);
  return report.ok ? { state: 'intact', entries: report.entries } : { state: 'broken', entries: report.entries, at: report.broken.seq, id: report.broken.id, reason: report.broken.reason };
}

async function storedKey(file: string): Promise<Buffer | undefined> {
  try {
    const text = (await readFile(file, 'utf8')).trim();
    return text === '' ? undefined : Buffer.from(text, 'base64url');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
