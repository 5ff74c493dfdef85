// A customer's business keys: the same rule as the customers design doc's `by-business-key`
// view (design-docs/src/customers/views/by-business-key/map.js; a unit test holds the two
// together): the keyed blind index when the POS wrote one, else the normalized plain value when
// it reads as a phone or tax id. Two live customers sharing a key are one person.
export type BusinessKey = ['phone' | 'taxId', string];

interface CustomerLike { type?: unknown; _deleted?: unknown; mergedInto?: unknown; phone?: unknown; taxId?: unknown; blindIndex?: { phone?: unknown; taxId?: unknown } }

export function businessKeys(doc: CustomerLike): BusinessKey[] {
  if (doc.type !== 'customer' || doc._deleted || doc.mergedInto) return [];
  const keys: BusinessKey[] = [];
  const phone = typeof doc.blindIndex?.phone === 'string' && doc.blindIndex.phone ? doc.blindIndex.phone : plainPhone(doc.phone);
  if (phone) keys.push(['phone', phone]);
  const taxId = typeof doc.blindIndex?.taxId === 'string' && doc.blindIndex.taxId ? doc.blindIndex.taxId : plainTaxId(doc.taxId);
  if (taxId) keys.push(['taxId', taxId]);
  return keys;
}

function plainPhone(value: unknown): string | null {
  if (typeof value !== 'string' || !/^[0-9+()\s.-]+$/.test(value)) return null;
  const digits = value.replace(/[^0-9]/g, '');
  return digits.length >= 10 ? digits.slice(digits.length - 10) : null;
}

function plainTaxId(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const key = value.toUpperCase().replace(/[\s-]/g, '');
  return /^[A-Z0-9&\u00d1]+$/.test(key) ? key : null;
}
