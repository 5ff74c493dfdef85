// Duplicate customers: two stores registering the same person (same business key: phone or
// tax id, by blind index) are merged into one record.
export { mergeDuplicates } from './merge-duplicates.js';
export { businessKeys, type BusinessKey } from './business-keys.js';
export { planDuplicateMerge, type DuplicatePlan } from './plan-duplicate-merge.js';
