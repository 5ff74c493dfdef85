// An index entry follows the field it indexes: a customer's `blindIndex.phone` is the keyed hash
// of its `phone`, `blindIndex.taxId` of its `taxId` (store-client/crypto/customer-crypto.ts).
// Merged as one field of its own, the index could come from the leaf that changed the tax id
// while the phone came from another leaf, and look-up by phone and duplicate detection would
// miss the customer. So field-merge does not merge `blindIndex`: it takes each entry from a
// leaf whose indexed value is the one the merge chose (pure).
import type { Leaf } from '../types.js';
import { sortKeys } from './sort-keys.js';

export const INDEX_FIELD = 'blindIndex';
const INDEXED = ['phone', 'taxId'] as const;

/** The index for `merged` (undefined when no entry applies), from the live leaves it was merged from. */
export function followIndex(merged: Readonly<Record<string, unknown>>, live: readonly Leaf[]): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const field of INDEXED) {
    if (!Object.hasOwn(merged, field)) continue;
    const chosen = JSON.stringify(sortKeys(merged[field]));
    // Leaves holding the same value hold the same hash; the smallest keeps every order alike.
    const entries = live
      .filter((l) => Object.hasOwn(l.body, field) && JSON.stringify(sortKeys(l.body[field])) === chosen)
      .map((l) => entryOf(l.body, field))
      .filter((e): e is string => e !== undefined)
      .sort();
    if (entries[0] !== undefined) out[field] = entries[0];
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function entryOf(body: Readonly<Record<string, unknown>>, field: string): string | undefined {
  const index = body[INDEX_FIELD];
  if (index === null || typeof index !== 'object' || Array.isArray(index)) return undefined;
  const entry = Object.hasOwn(index, field) ? (index as Record<string, unknown>)[field] : undefined;
  return typeof entry === 'string' && entry !== '' ? entry : undefined;
}
