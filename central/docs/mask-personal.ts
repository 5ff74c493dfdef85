// A document as the console may show it: a customer's personal fields replaced by MASK, pure.
// The POS encrypts phone, email, tax id and address (store-client/crypto/customer-crypto.ts), but
// central holds the customer keys it hands to every till, so a ciphertext is as personal as the
// plain text; the blind index (keyed hashes of phone and tax id) identifies a person too. The
// name and the free-text notes are plain. Fields stay present, so the admin sees which are set.
export const MASK = '•••';

/** Personal fields of a customer document (validators/schemas/customer.ts). */
export const PERSONAL_CUSTOMER_FIELDS = ['name', 'phone', 'email', 'taxId', 'address', 'notes', 'blindIndex'] as const;

export interface MaskedDoc { doc: Record<string, unknown>; masked: string[] }

const isCustomer = (doc: Record<string, unknown>) => doc.type === 'customer' || (typeof doc._id === 'string' && doc._id.startsWith('customer:'));

export function maskPersonal(doc: Record<string, unknown>): MaskedDoc {
  if (!isCustomer(doc)) return { doc, masked: [] };
  const out: Record<string, unknown> = { ...doc };
  const masked: string[] = [];
  for (const field of PERSONAL_CUSTOMER_FIELDS) {
    if (!(field in out)) continue;
    const value = out[field];
    out[field] = value !== null && typeof value === 'object' ? Object.fromEntries(Object.keys(value).map((k) => [k, MASK])) : MASK;
    masked.push(field);
  }
  return { doc: out, masked };
}
