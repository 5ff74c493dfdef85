// A POS device's signing key: ECDSA P-256 from WebCrypto. The private key is non-extractable
// (it can be kept in IndexedDB as a CryptoKey, never read out); the public JWK is what the
// device registers with central, and `keyId` names it on every signed document.
import canonicalize from 'canonicalize';
import { toBase64Url } from './base64url.js';
import { utf8, webCrypto } from './web-crypto.js';

export const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

export interface DeviceKey {
  privateKey: CryptoKey;
  /** The public key as a JWK with only `kty`, `crv`, `x`, `y`. */
  publicJwk: JsonWebKey;
  keyId: string;
}

export async function generateDeviceKey(): Promise<DeviceKey> {
  const subtle = webCrypto().subtle;
  const pair = await subtle.generateKey(ECDSA_P256, false, ['sign', 'verify']);
  const { kty, crv, x, y } = await subtle.exportKey('jwk', pair.publicKey);
  const publicJwk: JsonWebKey = { kty, crv, x, y };
  return { privateKey: pair.privateKey, publicJwk, keyId: await keyIdOf(publicJwk) };
}

/**
 * The key's id: base64url of the first 16 bytes of its RFC 7638 thumbprint (SHA-256 of the
 * canonical JSON of `crv`, `kty`, `x`, `y`), so `key_ops`, `ext` or member order never change it.
 */
export async function keyIdOf(publicJwk: JsonWebKey): Promise<string> {
  const { crv, kty, x, y } = publicJwk;
  const digest = await webCrypto().subtle.digest('SHA-256', utf8(canonicalize({ crv, kty, x, y }) ?? ''));
  return toBase64Url(new Uint8Array(digest, 0, 16));
}
