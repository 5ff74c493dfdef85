// A customer's business keys: the same rule as the customers design doc's `by-business-key`
// view (design-docs/src/customers/views/by-business-key/map.js; a unit test holds the two
// together): the keyed blind index when the POS wrote one, else the normalized plain value
// (store-client's normalization, the one the POS hashes). Two live customers sharing a key are one person.
import { normalizePhone, normalizeTaxId } from '../../store-client/crypto/index.js';

export type BusinessKey = ['phone' | 'taxId', string];

interface CustomerLike { type?: unknown; _deleted?: unknown; mergedInto?: unknown; phone?: unknown; taxId?: unknown; blindIndex?: { phone?: unknown; taxId?: unknown } }

export function businessKeys(doc: CustomerLike): BusinessKey[] {
  if (doc.type !== 'customer' || doc._deleted || doc.mergedInto) return [];
  const keys: BusinessKey[] = [];
  const phone = typeof doc.blindIndex?.phone === 'string' && doc.blindIndex.phone ? doc.blindIndex.phone : normalizePhone(doc.phone);
  if (phone) keys.push(['phone', phone]);
  const taxId = typeof doc.blindIndex?.taxId === 'string' && doc.blindIndex.taxId ? doc.blindIndex.taxId : normalizeTaxId(doc.taxId);
  if (taxId) keys.push(['taxId', taxId]);
  return keys;
}
