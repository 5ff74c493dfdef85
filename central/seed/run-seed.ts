// `pronto-sync seed`: the demo chain (central/demo, as a first embedded start seeds it) or a
// synthetic one, after setup (idempotent), into the CouchDB central uses. Seeding twice changes
// nothing: the demo chain is skipped when its stores are in the catalog, a synthetic one writes
// only what is missing.
import type Nano from 'nano';
import type { Logger } from 'pino';
import { loadCentralKey } from '../devices/central-key.js';
import { seedDemo } from '../demo/seed-demo.js';
import { DEMO_STORES } from '../demo/demo-catalog.js';
import { loadCustomerKeys } from '../keys/index.js';
import { listStores } from '../setup/list-stores.js';
import { runSetup } from '../setup/run-setup.js';
import type { CentralConfig } from '../config.js';
import { seedSynthetic } from './seed-synthetic.js';
import type { SeedPlan } from './seed-options.js';

export type SeedSettings = Pick<CentralConfig, 'dataDir' | 'customerDataKey' | 'customerIndexKey'>;

/** Seeds as planned; returns the lines that say what it did. */
export async function runSeed(nano: Nano.ServerScope, plan: SeedPlan, config: SeedSettings, log: Logger, progress: (line: string) => void): Promise<string[]> {
  const setup = await runSetup(nano);
  const lines = setup.changes.map((c) => `setup: ${c}`);
  const signer = await loadCentralKey(config.dataDir);
  if (plan.kind === 'synthetic') {
    const r = await seedSynthetic(nano, plan, signer, progress);
    return [...lines, `Seeded ${r.stores} synthetic stores (${r.newStores} new) × ${r.skus} SKUs (${r.newSkus} new); opening stock written for ${r.stocked} stores.`];
  }
  const present = new Set((await listStores(nano)).map((s) => s.store));
  if (DEMO_STORES.some((s) => present.has(s.store))) return [...lines, 'The demo chain is already there: nothing seeded.'];
  const keys = await loadCustomerKeys(config.dataDir, { dataKey: config.customerDataKey, indexKey: config.customerIndexKey });
  const seeded = await seedDemo(nano, config.dataDir, log, signer, keys.keys);
  const after = await runSetup(nano);
  return [
    ...lines, ...after.changes.map((c) => `setup: ${c}`),
    `Seeded the demo chain: ${seeded.stores} stores, ${seeded.products} products, ${seeded.customers} customers, ${seeded.accounts} accounts (passwords in ${config.dataDir}/demo-accounts.json).`,
  ];
}
