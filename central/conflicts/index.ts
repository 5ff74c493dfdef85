// Revision conflicts: read a document's leaves, settle them by the policy's strategy for its
// type (pure functions in strategies/), write the result and the conflict record, or queue it
// for an admin (resolve-manually).
export { resolveDocuments, type Outcome } from './resolve-document.js';
export { resolveLeaves } from './resolve-leaves.js';
export { resolveManually, readConflictRecord, type ManualChoice } from './resolve-manually.js';
export { createPolicyStore, POLICY_ID, type PolicyStore } from './policy-store.js';
export { defaultPolicy } from './default-policy.js';
export type { Leaf, Resolution, Strategy, StrategyContext } from './types.js';
export { isCentralStamp } from './is-central-stamp.js';
