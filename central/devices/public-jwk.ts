// The one form of a till's public key central accepts, pure: an EC P-256 JWK reduced to its
// public members (kty, crv, x, y), so nothing else a client sends is ever stored.
import { ProntoError } from '../../validators/index.js';

export type PublicJwk = { kty: 'EC'; crv: 'P-256'; x: string; y: string };

/** A coordinate as the catalog's schema takes it (validators/schemas/common.ts jwkCoordinate). */
const COORDINATE = /^[A-Za-z0-9_-]{40,48}$/;

/** The key's public members; throws BAD_REQUEST (param publicJwk) for anything else. */
export function publicJwkOf(value: unknown): PublicJwk {
  const jwk = value as JsonWebKey | null;
  if (jwk === null || typeof jwk !== 'object' || jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string'
    || !COORDINATE.test(jwk.x) || !COORDINATE.test(jwk.y)) {
    throw new ProntoError('BAD_REQUEST', 'publicJwk must be an EC P-256 public key (kty EC, crv P-256, x and y in base64url)', { param: 'publicJwk' });
  }
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

/** Throws BAD_REQUEST (param publicJwk) unless WebCrypto takes `jwk` as a point on P-256. */
export async function assertUsableKey(jwk: PublicJwk): Promise<void> {
  try {
    await globalThis.crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
  } catch (err) {
    throw new ProntoError('BAD_REQUEST', 'publicJwk is not a usable P-256 public key', { param: 'publicJwk' }, err);
  }
}
