// Which fields a customer edit changes, compared with the decrypted current document: the
// pure core of saveCustomer. `undefined` in the input leaves a field alone, `null` removes it.
// A personal field still stored as legacy plain text counts as changed, so saving encrypts it.
import type { Customer } from '../../validators/index.js';
import { isCiphertext, PERSONAL_FIELDS } from './customer-crypto.js';

/** What a POS may set on a customer; `null` removes an optional field. */
export interface CustomerInput {
  /** The customer to update; absent to register a new one. */
  _id?: string;
  name?: string;
  phone?: string | null;
  email?: string | null;
  taxId?: string | null;
  address?: string | null;
  points?: number | null;
  tags?: string[] | null;
  notes?: string | null;
}

export const EDITABLE_FIELDS = ['name', ...PERSONAL_FIELDS, 'points', 'tags', 'notes'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** Field → new plain value, or null for a removal. */
export type CustomerChanges = Partial<Record<EditableField, unknown>>;

export function customerChanges(plain: Partial<Customer>, stored: Partial<Customer>, input: CustomerInput): CustomerChanges {
  const changes: CustomerChanges = {};
  for (const field of EDITABLE_FIELDS) {
    const next = input[field];
    const current = plain[field];
    if (next === undefined) {
      if (legacyPlain(field, stored)) changes[field] = current;
    } else if (next === null) {
      if (current !== undefined) changes[field] = null;
    } else if (JSON.stringify(next) !== JSON.stringify(current) || legacyPlain(field, stored)) {
      changes[field] = next;
    }
  }
  return changes;
}

function legacyPlain(field: EditableField, stored: Partial<Customer>): boolean {
  const value = stored[field as keyof Customer];
  return (PERSONAL_FIELDS as readonly string[]).includes(field) && value !== undefined && !isCiphertext(value);
}
