// Customer personal data, encrypted before it leaves the POS: each field is AES-GCM 256 with a
// random 12-byte IV and the field's name as additional data (a phone ciphertext copied into
// `email` does not decrypt), stored as `v1.<iv>.<ciphertext+tag>` in base64url. The id is
// deliberately not bound in: the resolver moves fields between duplicates when it merges them.
// Phone and tax id also get a keyed blind index (HMAC SHA-256 of the normalized value) so
// central and the POS find a person by key without decrypting.
import type { Customer } from '../../validators/index.js';
import { ProntoError } from '../../validators/errors.js';
import { fromBase64Url, toBase64Url } from './base64url.js';
import { normalizeBusinessKey, type BusinessKeyKind } from './business-key.js';
import type { CustomerKeys } from './customer-keys.js';
import { utf8, webCrypto } from './web-crypto.js';

export const PERSONAL_FIELDS = ['phone', 'email', 'taxId', 'address'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Any versioned envelope; a value without one is legacy plain text (see decryptCustomer). */
const ENVELOPE = /^v[0-9]+\./;

/** Whether a stored value is a ciphertext envelope (any version) rather than legacy plain text. */
export function isCiphertext(value: unknown): value is string {
  return typeof value === 'string' && ENVELOPE.test(value);
}

export async function encryptField(value: string, keys: CustomerKeys, field: string): Promise<string> {
  const c = webCrypto();
  const iv = c.getRandomValues(new Uint8Array(IV_BYTES));
  const params = { name: 'AES-GCM', iv, additionalData: utf8(field) };
  const ciphertext = await c.subtle.encrypt(params, keys.dataKey, utf8(value));
  return `${VERSION}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ciphertext))}`;
}

/** The plain value; throws ProntoError DECRYPT_FAILED for anything but this field's ciphertext under these keys. */
export async function decryptField(text: string, keys: CustomerKeys, field: string): Promise<string> {
  const parts = typeof text === 'string' ? text.split('.') : [];
  if (parts.length !== 3 || parts[0] !== VERSION) throw failed(field, 'is not a v1 ciphertext');
  let plain: ArrayBuffer;
  try {
    const iv = fromBase64Url(parts[1]!);
    const data = fromBase64Url(parts[2]!);
    if (iv.length !== IV_BYTES || data.length < TAG_BYTES) throw new Error('wrong IV or ciphertext length');
    plain = await webCrypto().subtle.decrypt({ name: 'AES-GCM', iv, additionalData: utf8(field) }, keys.dataKey, data);
  } catch (err) {
    throw failed(field, 'does not decrypt (altered, from another field, or under another key)', err);
  }
  return new TextDecoder().decode(plain);
}

/** Base64url HMAC SHA-256 of the normalized value, or null when it is not a phone / tax id. */
export async function blindIndex(value: string, kind: BusinessKeyKind, keys: CustomerKeys): Promise<string | null> {
  const normalized = normalizeBusinessKey(value, kind);
  if (normalized === null) return null;
  const mac = await webCrypto().subtle.sign('HMAC', keys.indexKey, utf8(normalized));
  return toBase64Url(new Uint8Array(mac));
}

/** The blind index of a plain customer's phone and tax id (empty when it has neither). */
export async function blindIndexOf(plain: Pick<Customer, 'phone' | 'taxId'>, keys: CustomerKeys): Promise<NonNullable<Customer['blindIndex']>> {
  const out: NonNullable<Customer['blindIndex']> = {};
  for (const kind of ['phone', 'taxId'] as const) {
    const value = plain[kind];
    const hash = value === undefined ? null : await blindIndex(value, kind, keys);
    if (hash !== null) out[kind] = hash;
  }
  return out;
}

/** `plain` with its personal fields encrypted and `blindIndex` recomputed from them. */
export async function encryptCustomer(plain: Customer, keys: CustomerKeys): Promise<Customer> {
  const out: Customer = { ...plain };
  for (const field of PERSONAL_FIELDS) {
    const value = plain[field];
    if (value !== undefined) out[field] = await encryptField(value, keys, field);
  }
  const index = await blindIndexOf(plain, keys);
  if (Object.keys(index).length > 0) out.blindIndex = index;
  else delete out.blindIndex;
  return out;
}

/**
 * `doc` with its personal fields decrypted. A value without a `v<n>.` envelope is passed
 * through as legacy plain text (written before encryption, e.g. by an old seed); a value with
 * one that does not decrypt throws DECRYPT_FAILED.
 */
export async function decryptCustomer(doc: Customer, keys: CustomerKeys): Promise<Customer> {
  const out: Customer = { ...doc };
  for (const field of PERSONAL_FIELDS) {
    const value = doc[field];
    if (isCiphertext(value)) out[field] = await decryptField(value, keys, field);
  }
  return out;
}

function failed(field: string, why: string, cause?: unknown): ProntoError {
  return new ProntoError('DECRYPT_FAILED', `customer ${field} ${why}`, { field }, cause);
}
