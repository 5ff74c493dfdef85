// The fields field-merge decides one by one: every field any body has or has a stamp for,
// except the envelope (`_id`, `type`), the bookkeeping the merge rewrites (`stamps`,
// `updatedAt`, `updatedBy`), the index that follows the fields it indexes (follow-index.ts) and
// CouchDB's `_` fields. Sorted, so the merge visits them in one order.
import { INDEX_FIELD } from './follow-index.js';

const NOT_MERGED = new Set(['type', 'stamps', 'updatedAt', 'updatedBy', INDEX_FIELD]);

export function mergeableFields(bodies: readonly Readonly<Record<string, unknown>>[]): string[] {
  const fields = new Set<string>();
  const add = (key: string) => {
    if (!key.startsWith('_') && !NOT_MERGED.has(key)) fields.add(key);
  };
  for (const body of bodies) {
    Object.keys(body).forEach(add);
    const stamps = body.stamps;
    if (stamps !== null && typeof stamps === 'object' && !Array.isArray(stamps)) Object.keys(stamps).forEach(add);
  }
  return [...fields].sort();
}
