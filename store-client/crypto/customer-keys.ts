// The customers' keys: AES-GCM 256 for personal fields, HMAC SHA-256 for the blind index. They
// travel as raw base64url (central hands them to a POS after login) and are imported
// non-extractable, so page scripts can use them but never read them back out.
import { ProntoError } from '../../validators/errors.js';
import { fromBase64Url, toBase64Url } from './base64url.js';
import { webCrypto } from './web-crypto.js';

export interface CustomerKeys {
  dataKey: CryptoKey;
  indexKey: CryptoKey;
}

/** Raw key bytes, base64url: `dataKey` exactly 32 bytes, `indexKey` at least 32. */
export interface CustomerKeyMaterial {
  dataKey: string;
  indexKey: string;
}

const KEY_BYTES = 32;

export async function importCustomerKeys(material: CustomerKeyMaterial): Promise<CustomerKeys> {
  const subtle = webCrypto().subtle;
  const data = raw(material?.dataKey, 'dataKey');
  const index = raw(material?.indexKey, 'indexKey');
  if (data.length !== KEY_BYTES) throw invalid('dataKey', `must be ${KEY_BYTES} bytes, not ${data.length}`);
  if (index.length < KEY_BYTES) throw invalid('indexKey', `must be at least ${KEY_BYTES} bytes, not ${index.length}`);
  const [dataKey, indexKey] = await Promise.all([
    subtle.importKey('raw', data, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']),
    subtle.importKey('raw', index, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
  ]);
  return { dataKey, indexKey };
}

/** Fresh random key material, e.g. for central to keep in DATA_DIR on first start. */
export function generateCustomerKeyMaterial(): CustomerKeyMaterial {
  const c = webCrypto();
  return {
    dataKey: toBase64Url(c.getRandomValues(new Uint8Array(KEY_BYTES))),
    indexKey: toBase64Url(c.getRandomValues(new Uint8Array(KEY_BYTES))),
  };
}

function raw(text: unknown, name: string): Uint8Array<ArrayBuffer> {
  try {
    return fromBase64Url(text as string);
  } catch (err) {
    throw invalid(name, 'must be base64url', err);
  }
}

// The message names the key, never its bytes.
function invalid(name: string, why: string, cause?: unknown): ProntoError {
  return new ProntoError('CRYPTO_KEY_INVALID', `customer ${name} ${why}`, { key: name }, cause);
}
