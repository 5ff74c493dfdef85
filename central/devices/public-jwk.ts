// The one form of a till's public key central accepts, pure: an EC P-256 JWK reduced to its
// public members (kty, crv, x, y), so nothing else a client sends is ever stored.
import { ProntoError } from '../../validators/index.js';

export type PublicJwk = { kty: 'EC'; crv: 'P-256'; x: string; y: string };

/** The key's public members; throws BAD_REQUEST (param publicJwk) for anything else. */
export function publicJwkOf(value: unknown): PublicJwk {
  const jwk = value as JsonWebKey | null;
  if (jwk === null || typeof jwk !== 'object' || jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') {
    throw new ProntoError('BAD_REQUEST', 'publicJwk must be an EC P-256 public key (kty EC, crv P-256, x, y)', { param: 'publicJwk' });
  }
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}
