// The audit chain's hash and MAC. The hash is SHA-256 over the RFC 8785 canonical JSON of the
// entry (with its `prevHash`; without `hash`, `mac`, `_rev` or other CouchDB fields), so any
// change to an entry, or to the order of entries, breaks every link after it. The MAC is
// HMAC-SHA256 of the hash with central's audit key, so nobody without the key (an ops person
// with Fauxton, say) can rewrite the chain and recompute the hashes.
import { createHash, createHmac } from 'node:crypto';
import canonicalize from 'canonicalize';

export const GENESIS_HASH = '0'.repeat(64);

export function auditHash(entry: Record<string, unknown>): string {
  const content = Object.fromEntries(Object.entries(entry).filter(([k]) => k !== 'hash' && k !== 'mac' && (k === '_id' || !k.startsWith('_'))));
  return createHash('sha256').update(canonicalize(content) ?? '').digest('hex');
}

export function auditMac(hash: string, key: Buffer): string {
  return createHmac('sha256', new Uint8Array(key)).update(hash).digest('hex');
}

export function auditId(seq: number): string {
  return `audit:${String(seq).padStart(12, '0')}`;
}
