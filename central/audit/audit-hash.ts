// The audit chain's hash: SHA-256 over the RFC 8785 canonical JSON of the entry (with its
// `prevHash`, without `hash`, `_rev` or other CouchDB fields), so any change to an entry, or to
// the order of entries, breaks every link after it.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export const GENESIS_HASH = '0'.repeat(64);

export function auditHash(entry: Record<string, unknown>): string {
  const content = Object.fromEntries(Object.entries(entry).filter(([k]) => k !== 'hash' && (k === '_id' || !k.startsWith('_'))));
  return createHash('sha256').update(canonicalize(content) ?? '').digest('hex');
}

export function auditId(seq: number): string {
  return `audit:${String(seq).padStart(12, '0')}`;
}
