// `pronto-sync seed`: the demo chain or N synthetic stores × M SKUs, idempotent.
export { seedPlan, MAX_SKUS, MAX_STORES, type SeedPlan } from './seed-options.js';
export { runSeed, type SeedSettings } from './run-seed.js';
export { syntheticStoreId, syntheticSku } from './synthetic-chain.js';
