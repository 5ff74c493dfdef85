// Idempotent setup, run at every start and by `pronto-sync setup`: databases, design docs
// (pushed only when changed), `_security`, for the shared databases and one `store-<id>` per
// store in the catalog. It returns what it changed, so a second run can say "nothing changed".
import type Nano from 'nano';
import { buildDesignDocs, type DesignDocKind } from '../../design-docs/index.js';
import { ensureDatabase } from './ensure-database.js';
import { pushDesignDoc } from './push-design-doc.js';
import { ensureSecurity } from './security.js';
import { listStores } from './list-stores.js';
import { takeOverLegacyCheckpoints } from '../feed/checkpoint.js';
import { CENTRAL_DATABASES } from './central-databases.js';
import { ACCOUNTS_DDOC, pushAccountsDesignDoc } from '../accounts/accounts-design-doc.js';

export interface SetupReport {
  /** Human-readable changes, e.g. "created database store-s1"; empty when nothing changed. */
  changes: string[];
  stores: string[];
}

const SHARED: Array<[string, DesignDocKind]> = [['catalog', 'catalog'], ['customers', 'customers'], ['audit', 'audit']];

export async function runSetup(nano: Nano.ServerScope): Promise<SetupReport> {
  const changes: string[] = [];
  for (const system of ['_users']) {
    if ((await ensureDatabase(nano, system)) === 'created') changes.push(`created database ${system}`);
  }
  // Store accounts by store, for the console (central/accounts).
  const accounts = await pushAccountsDesignDoc(nano);
  if (accounts !== 'unchanged') changes.push(`${accounts} ${ACCOUNTS_DDOC} in _users`);
  const docs = buildDesignDocs();
  for (const [db, kind] of SHARED) await setupDatabase(nano, db, docs[kind], changes);
  const stores = (await listStores(nano)).map((s) => s.store);
  for (const store of stores) await setupDatabase(nano, `store-${store}`, docs.store, changes);
  await setupCentralDatabases(nano, changes, docs, [...SHARED.map(([db]) => db).filter((db) => db !== 'audit'), ...stores.map((s) => `store-${s}`)]);
  return { changes, stores };
}

// --- Central's own databases -----------------------------------------------------------------

// The audit claims (central/audit/audit-claims.ts) need one copy of one shard: one file orders every claim.
const SHARDS: Partial<Record<string, { n: number; q: number }>> = { [CENTRAL_DATABASES.auditClaims]: { n: 1, q: 1 } };

async function setupCentralDatabases(nano: Nano.ServerScope, changes: string[], docs: ReturnType<typeof buildDesignDocs>, followed: readonly string[]): Promise<void> {
  const designDocs: Partial<Record<string, Parameters<typeof pushDesignDoc>[2]>> = { [CENTRAL_DATABASES.stats]: docs.stats, [CENTRAL_DATABASES.auditClaims]: docs.audit };
  for (const db of Object.values(CENTRAL_DATABASES)) {
    const created = (await ensureDatabase(nano, db, SHARDS[db])) === 'created';
    if (created) changes.push(`created database ${db}`);
    const ddoc = designDocs[db];
    if (ddoc) {
      const pushed = await pushDesignDoc(nano, db, ddoc);
      if (pushed !== 'unchanged') changes.push(`${pushed} ${ddoc._id} in ${db}`);
    }
    // An upgrade from the releases that kept checkpoints in each database: take them over, once.
    if (created && db === CENTRAL_DATABASES.checkpoints) changes.push(...(await takeOverLegacyCheckpoints(nano, followed)));
    if ((await ensureSecurity(nano, db)) === 'updated') changes.push(`set _security of ${db}`);
  }
}
// ---------------------------------------------------------------------------------------------

/** Sets up one store's database; used when a store is added. */
export async function setupStoreDatabase(nano: Nano.ServerScope, store: string): Promise<string[]> {
  const changes: string[] = [];
  await setupDatabase(nano, `store-${store}`, buildDesignDocs().store, changes);
  return changes;
}

async function setupDatabase(nano: Nano.ServerScope, db: string, ddoc: Parameters<typeof pushDesignDoc>[2], changes: string[]): Promise<void> {
  if ((await ensureDatabase(nano, db)) === 'created') changes.push(`created database ${db}`);
  const pushed = await pushDesignDoc(nano, db, ddoc);
  if (pushed !== 'unchanged') changes.push(`${pushed} ${ddoc._id} in ${db}`);
  if ((await ensureSecurity(nano, db)) === 'updated') changes.push(`set _security of ${db}`);
}
