// central/rules' public API: the business rules central holds every store document to (pure,
// one file per family, combined by assess-store-doc.ts), the catalog cache and store reads that
// give them their facts, and the batch assessment the change follower calls.
export type { ApprovalVerdict, CountedReturn, PosRules, ProductFacts, Rule, RuleContext, StoreDoc, Verdict } from './types.js';
export { DEFAULT_POS_RULES, posRules } from './pos-rules.js';
export { assessStoreDoc, quarantineReason, RULES, MAX_REASON, type Assessment } from './assess-store-doc.js';
export { assessBatch, type RulesEnv } from './assess-batch.js';
export { createCatalogFacts, POS_SETTINGS_ID, type CatalogFacts } from './catalog-facts.js';
export { quarantinedReturns } from './store-facts.js';
export { saleNotFound, waitsForSale } from './return-rules.js';
export { ownStamp } from './doc-stamps.js';
