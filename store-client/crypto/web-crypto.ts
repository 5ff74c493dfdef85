// The one place store-client/crypto reaches WebCrypto: `globalThis.crypto` in browsers and in
// Node 20 alike (no `node:crypto`, so the POS bundle carries none). Browsers expose
// `crypto.subtle` only in secure contexts, hence the hint in the error.
import { ProntoError } from '../../validators/errors.js';

export function webCrypto(): Crypto {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (!c?.subtle) {
    throw new ProntoError('CRYPTO_UNAVAILABLE', 'WebCrypto is not available: serve the POS over HTTPS or from localhost');
  }
  return c;
}

export const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;
