// Walks the audit chain in sequence order and names the first broken link (pure): a gap in the
// sequence, a `prevHash` that is not the previous entry's hash, a hash that does not match the
// entry's content, or a MAC that does not match the hash under central's key.
import { timingSafeEqual } from 'node:crypto';
import { GENESIS_HASH, auditHash, auditMac } from './audit-hash.js';

export interface ChainEntry extends Record<string, unknown> { _id: string; seq: number; prevHash?: string; hash?: string; mac?: string }

export type ChainReport =
  | { ok: true; entries: number; head: string }
  | { ok: false; entries: number; broken: { seq: number; id: string; reason: string } };

export function verifyChain(entries: readonly ChainEntry[], key: Buffer): ChainReport {
  let prev = GENESIS_HASH;
  for (const [i, e] of entries.entries()) {
    const fail = (reason: string): ChainReport => ({ ok: false, entries: entries.length, broken: { seq: e.seq, id: e._id, reason } });
    if (e.seq !== i + 1) return fail(`sequence ${e.seq} where ${i + 1} was expected (an entry is missing or was inserted)`);
    if (e.prevHash !== prev) return fail(`prevHash does not match the hash of entry ${i} (the chain was cut or reordered)`);
    if (e.hash !== auditHash(e)) return fail('its hash does not match its content (the entry was altered)');
    if (typeof e.mac !== 'string' || !sameHex(e.mac, auditMac(e.hash, key))) return fail("its MAC does not verify with central's audit key (forged or re-hashed)");
    prev = e.hash;
  }
  return { ok: true, entries: entries.length, head: prev };
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(new Uint8Array(Buffer.from(a)), new Uint8Array(Buffer.from(b)));
}
