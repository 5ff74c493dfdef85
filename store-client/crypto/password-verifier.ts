// A salted PBKDF2-SHA-256 verifier of a password (WebCrypto), so a till can check a manager's
// password while it is offline without keeping the password itself. 600,000 iterations, as
// OWASP's password storage cheat sheet recommends for PBKDF2-HMAC-SHA256: a stolen verifier
// costs an attacker that much per guess. https://w3c.github.io/webcrypto/#pbkdf2
import { fromBase64Url, toBase64Url } from './base64url.js';
import { utf8, webCrypto } from './web-crypto.js';

export interface PasswordVerifier {
  salt: string;
  iterations: number;
  /** base64url of the 32-byte derived key. */
  hash: string;
}

export const DEFAULT_ITERATIONS = 600_000;

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const subtle = webCrypto().subtle;
  const base = await subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, 256));
}

export async function createVerifier(password: string, iterations = DEFAULT_ITERATIONS): Promise<PasswordVerifier> {
  const salt = webCrypto().getRandomValues(new Uint8Array(16));
  return { salt: toBase64Url(salt), iterations, hash: toBase64Url(await derive(password, salt, iterations)) };
}

/** True when `password` is the one the verifier was made from; false for anything else, malformed verifiers included. */
export async function checkPassword(verifier: PasswordVerifier, password: string): Promise<boolean> {
  let want: Uint8Array;
  let got: Uint8Array;
  try {
    if (!Number.isInteger(verifier.iterations) || verifier.iterations < 1) return false;
    want = fromBase64Url(verifier.hash);
    got = await derive(password, fromBase64Url(verifier.salt), verifier.iterations);
  } catch {
    return false;
  }
  if (want.length !== got.length) return false;
  // Compare every byte: the time taken says nothing about where the first difference is.
  let diff = 0;
  for (let i = 0; i < want.length; i++) diff |= want[i]! ^ got[i]!;
  return diff === 0;
}
