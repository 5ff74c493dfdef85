// A manager's approval key, kept on a till so they can approve while the store is offline, and
// useless to anyone without their password: an ECDSA P-256 key pair made in the browser, whose
// private half is stored only wrapped — AES-GCM 256 under a key derived from the manager's
// password with PBKDF2-SHA-256 (600,000 iterations, OWASP's figure; random 16-byte salt; random
// 12-byte IV), the manager's name and the key id bound in as additional data. Unwrapping with a
// wrong password fails (the GCM tag), which is the till's offline password check; the key it
// gives back is non-extractable and can only sign. https://w3c.github.io/webcrypto/#SubtleCrypto-method-wrapKey
import { ProntoError } from '../../validators/errors.js';
import { fromBase64Url, toBase64Url } from './base64url.js';
import { ECDSA_P256, keyIdOf } from './device-key.js';
import { utf8, webCrypto } from './web-crypto.js';

export const APPROVER_KEY_ITERATIONS = 600_000;

/** What a till stores (IndexedDB) for one manager; nothing in it opens without the password. */
export interface WrappedApproverKey {
  v: 1;
  name: string;
  keyId: string;
  publicJwk: JsonWebKey;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  /** AES-GCM 256: the 12-byte IV and the PKCS #8 private key with its 16-byte tag, base64url. */
  iv: string;
  wrapped: string;
}

/** An opened approver key: `privateKey` is non-extractable and may only sign. */
export interface ApproverKey {
  name: string;
  keyId: string;
  publicJwk: JsonWebKey;
  privateKey: CryptoKey;
}

const SALT_BYTES = 16;
const IV_BYTES = 12;

/** A new key pair for `name`, wrapped under `password`, and the same key opened for use now. */
export async function createApproverKey(
  name: string, password: string, iterations = APPROVER_KEY_ITERATIONS,
): Promise<{ key: ApproverKey; wrapped: WrappedApproverKey }> {
  const c = webCrypto();
  // Extractable only so it can be wrapped; this object is dropped once the wrapped copy exists.
  const pair = await c.subtle.generateKey(ECDSA_P256, true, ['sign', 'verify']);
  const { kty, crv, x, y } = await c.subtle.exportKey('jwk', pair.publicKey);
  const publicJwk: JsonWebKey = { kty, crv, x, y };
  const keyId = await keyIdOf(publicJwk);
  const salt = c.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = c.getRandomValues(new Uint8Array(IV_BYTES));
  const kek = await wrappingKey(password, salt, iterations);
  const params = { name: 'AES-GCM', iv, additionalData: boundData(name, keyId) };
  const bytes = new Uint8Array(await c.subtle.wrapKey('pkcs8', pair.privateKey, kek, params));
  const wrapped: WrappedApproverKey = {
    v: 1, name, keyId, publicJwk,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64Url(salt) },
    iv: toBase64Url(iv), wrapped: toBase64Url(bytes),
  };
  // Opened from the wrapped bytes, as every later use will be: non-extractable from the start.
  const privateKey = await c.subtle.unwrapKey('pkcs8', bytes, kek, params, ECDSA_P256, false, ['sign']);
  return { key: { name, keyId, publicJwk, privateKey }, wrapped };
}

/** The key, opened with `password`; throws ProntoError KEY_UNWRAP_FAILED for a wrong password, another name, or an altered record. */
export async function unwrapApproverKey(wrapped: WrappedApproverKey, name: string, password: string): Promise<ApproverKey> {
  let privateKey: CryptoKey;
  try {
    if (wrapped?.v !== 1 || wrapped.kdf?.name !== 'PBKDF2' || wrapped.kdf.hash !== 'SHA-256') throw new Error('unknown format');
    const { iterations } = wrapped.kdf;
    if (!Number.isInteger(iterations) || iterations < 1) throw new Error('bad iteration count');
    const kek = await wrappingKey(password, fromBase64Url(wrapped.kdf.salt), iterations);
    const params = { name: 'AES-GCM', iv: fromBase64Url(wrapped.iv), additionalData: boundData(name, wrapped.keyId) };
    privateKey = await webCrypto().subtle.unwrapKey('pkcs8', fromBase64Url(wrapped.wrapped), kek, params, ECDSA_P256, false, ['sign']);
  } catch (err) {
    // The message names the manager, never the password.
    throw new ProntoError('KEY_UNWRAP_FAILED', `the approval key of ${name} did not open: wrong password, or it was altered`, { name }, err);
  }
  return { name, keyId: wrapped.keyId, publicJwk: wrapped.publicJwk, privateKey };
}

async function wrappingKey(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const subtle = webCrypto().subtle;
  const base = await subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveKey']);
  return subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, { name: 'AES-GCM', length: 256 }, false, ['wrapKey', 'unwrapKey']);
}

/** Bound into the tag: a record copied under another manager's name, or with another key id, does not open. */
function boundData(name: string, keyId: string): Uint8Array<ArrayBuffer> {
  return utf8(`pronto approver key v1\n${name}\n${keyId}`);
}
