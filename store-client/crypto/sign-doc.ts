// Signs a sale, move or return: ECDSA P-256 / SHA-256 over the UTF-8 of the RFC 8785 canonical JSON
// of `signable(doc)`. The signature is WebCrypto's IEEE P1363 form (r‖s, 64 bytes), base64url.
import canonicalize from 'canonicalize';
import { toBase64Url } from './base64url.js';
import type { DeviceKey } from './device-key.js';
import { signable } from './signable.js';
import { utf8, webCrypto } from './web-crypto.js';

export const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

export interface Signed {
  keyId: string;
  signature: string;
}

/** What recordSale, recordMove, recordReturn and recordVoid take to sign a document before writing it. */
export interface DocSigner {
  sign<T extends object>(doc: T): Promise<T & Signed>;
}

/** The canonical bytes a signature covers. */
export function signedBytes(doc: object): Uint8Array<ArrayBuffer> {
  return utf8(canonicalize(signable(doc as Record<string, unknown>)) ?? '');
}

export async function signDoc<T extends object>(doc: T, key: Pick<DeviceKey, 'privateKey' | 'keyId'>): Promise<T & Signed> {
  const sig = await webCrypto().subtle.sign(ECDSA_SHA256, key.privateKey, signedBytes(doc));
  return { ...doc, keyId: key.keyId, signature: toBase64Url(new Uint8Array(sig)) };
}

/** A signer for recordSale / recordMove / recordReturn that signs with this device's key. */
export function deviceSigner(key: Pick<DeviceKey, 'privateKey' | 'keyId'>): DocSigner {
  return { sign: (doc) => signDoc(doc, key) };
}
