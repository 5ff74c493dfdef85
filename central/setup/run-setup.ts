// Idempotent setup, run at every start and by `pronto-sync setup`: databases, design docs
// (pushed only when changed), `_security`, for the shared databases and one `store-<id>` per
// store in the catalog. It returns what it changed, so a second run can say "nothing changed".
import type Nano from 'nano';
import { buildDesignDocs, type DesignDocKind } from '../../design-docs/index.js';
import { ensureDatabase } from './ensure-database.js';
import { pushDesignDoc } from './push-design-doc.js';
import { ensureSecurity } from './security.js';
import { listStores } from './list-stores.js';

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
  const docs = buildDesignDocs();
  for (const [db, kind] of SHARED) await setupDatabase(nano, db, docs[kind], changes);
  const stores = (await listStores(nano)).map((s) => s.store);
  for (const store of stores) await setupDatabase(nano, `store-${store}`, docs.store, changes);
  await setupCentralDatabases(nano, changes);
  return { changes, stores };
}

// --- Central's own databases -----------------------------------------------------------------
/** Console sessions and script tokens (central/http/auth), and the change follower's checkpoints
 * (central/resolver/checkpoint): no design doc, server-admin-only `_security`. */
export const CENTRAL_DATABASES = { sessions: 'pronto-sessions', tokens: 'pronto-tokens', checkpoints: 'pronto-checkpoints' } as const;

async function setupCentralDatabases(nano: Nano.ServerScope, changes: string[]): Promise<void> {
  for (const db of Object.values(CENTRAL_DATABASES)) {
    if ((await ensureDatabase(nano, db)) === 'created') changes.push(`created database ${db}`);
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
