// Base64url (RFC 4648 §5, no padding) for keys, IVs, ciphertexts and signatures. Built on
// btoa/atob, which browsers and Node 20 both have, so store-client needs no Buffer.
import { ProntoError } from '../../validators/errors.js';

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of `text`; throws ProntoError BAD_REQUEST unless it is unpadded base64url. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  // A length of 4n+1 cannot come from any byte string.
  if (typeof text !== 'string' || !BASE64URL.test(text) || text.length % 4 === 1) {
    throw new ProntoError('BAD_REQUEST', 'expected unpadded base64url text');
  }
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
