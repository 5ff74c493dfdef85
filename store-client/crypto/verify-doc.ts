// Central's side of signing: does `doc` carry a valid signature by this public key? Never
// throws: a malformed document, signature or key simply does not verify. `keyId` is only a
// hint for finding the key (it is not signed); the caller decides which key a device may use.
import { fromBase64Url } from './base64url.js';
import { ECDSA_P256 } from './device-key.js';
import { ECDSA_SHA256, signedBytes } from './sign-doc.js';
import { webCrypto } from './web-crypto.js';

/** Imports a registered public JWK once, for verifying many documents. */
export function importPublicKey(publicJwk: JsonWebKey): Promise<CryptoKey> {
  const { kty, crv, x, y } = publicJwk;
  return webCrypto().subtle.importKey('jwk', { kty, crv, x, y }, ECDSA_P256, true, ['verify']);
}

export async function verifyDoc(doc: unknown, publicKey: JsonWebKey | CryptoKey): Promise<boolean> {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return false;
  return verifySignature((doc as { signature?: unknown }).signature, publicKey, () => signedBytes(doc));
}

/** Whether `signature` (base64url r‖s) is this key's ECDSA P-256 signature of `bytes()`; never throws. */
export async function verifySignature(
  signature: unknown, publicKey: JsonWebKey | CryptoKey, bytes: () => Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  try {
    if (typeof signature !== 'string') return false;
    const sig = fromBase64Url(signature);
    if (sig.length !== 64) return false;
    const key = isCryptoKey(publicKey) ? publicKey : await importPublicKey(publicKey);
    return await webCrypto().subtle.verify(ECDSA_SHA256, key, sig, bytes());
  } catch {
    return false;
  }
}

function isCryptoKey(key: unknown): key is CryptoKey {
  return typeof CryptoKey !== 'undefined' && key instanceof CryptoKey;
}
