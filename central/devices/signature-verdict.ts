// Decides whether a sale, stock movement or return is trustworthy (no I/O besides WebCrypto's
// verify): it must be signed by a key registered for the very store and device it names, that key
// must not be revoked, and the signature must cover the document as it is now. Returns null when
// the document verifies, else the reason it is quarantined.
import { verifyDoc } from '../../store-client/crypto/index.js';
import type { Device } from '../../validators/index.js';

export interface SignedDoc { _id: string; store?: unknown; device?: unknown; keyId?: unknown; signature?: unknown }

export async function signatureVerdict(doc: SignedDoc, device: Device | null): Promise<string | null> {
  if (typeof doc.signature !== 'string' || typeof doc.keyId !== 'string') return 'unsigned';
  if (device === null) return `unknown device ${String(doc.store)}/${String(doc.device)}`;
  const key = device.keys.find((k) => k.keyId === doc.keyId);
  if (!key) return `key ${doc.keyId} is not registered for device ${device.store}/${device.device}`;
  if (key.status === 'revoked') return `key ${doc.keyId} was revoked`;
  return (await verifyDoc(doc, key.publicJwk as JsonWebKey)) ? null : 'the signature does not match the document (altered, or forged)';
}
