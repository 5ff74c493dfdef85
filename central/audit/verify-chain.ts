// Walks the audit chain in sequence order and names the first broken link (pure): a gap in the
// sequence, a `prevHash` that is not the previous entry's hash, a hash that does not match the
// entry's content, or a MAC that does not match the hash under central's key; and, given
// central's record of the head (chain-head.ts), a chain that ends before it or whose entry at
// the head's sequence is not the one recorded (its tail cut off or replaced). Entries are pushed
// one at a time and only the last hash is kept, so a chain of any length verifies in bounded memory.
import { timingSafeEqual } from 'node:crypto';
import { GENESIS_HASH, auditHash, auditId, auditMac } from './audit-hash.js';
import type { ChainHead } from './chain-head.js';

export interface ChainEntry extends Record<string, unknown> { _id: string; seq: number; prevHash?: string; hash?: string; mac?: string }

export type ChainReport =
  | { ok: true; entries: number; head: string }
  | { ok: false; entries: number; broken: { seq: number; id: string; reason: string } };

/** The head central recorded (with whether its MAC verified), null when none, undefined: do not check. */
export type HeadRecord = (ChainHead & { valid: boolean }) | null | undefined;

export interface ChainVerifier {
  /** Checks the next entry; false once the chain is broken (later entries are ignored). */
  push(entry: ChainEntry): boolean;
  /** The verdict on what was pushed, with the head check. */
  report(): ChainReport;
}

export function createChainVerifier(key: Buffer, head?: HeadRecord): ChainVerifier {
  let prev = GENESIS_HASH;
  let count = 0;
  let atHead: string | undefined;
  let broken: { seq: number; id: string; reason: string } | undefined;
  return {
    push(e) {
      if (broken) return false;
      const i = count;
      count += 1;
      const fail = (reason: string) => { broken = { seq: e.seq, id: e._id, reason }; return false; };
      if (e.seq !== i + 1) return fail(`sequence ${e.seq} where ${i + 1} was expected (an entry is missing or was inserted)`);
      if (e.prevHash !== prev) return fail(`prevHash does not match the hash of entry ${i} (the chain was cut or reordered)`);
      if (e.hash !== auditHash(e)) return fail('its hash does not match its content (the entry was altered)');
      if (typeof e.mac !== 'string' || !sameHex(e.mac, auditMac(e.hash, key))) return fail("its MAC does not verify with central's audit key (forged or re-hashed)");
      prev = e.hash;
      if (head && e.seq === head.seq) atHead = e.hash;
      return true;
    },
    report() {
      if (broken) return { ok: false, entries: count, broken };
      const headProblem = head === undefined ? null : checkHead(head, count, atHead);
      if (headProblem) return { ok: false, entries: count, broken: headProblem };
      return { ok: true, entries: count, head: prev };
    },
  };
}

/** The whole chain at once (tests, small chains). */
export function verifyChain(entries: Iterable<ChainEntry>, key: Buffer, head?: HeadRecord): ChainReport {
  const v = createChainVerifier(key, head);
  for (const e of entries) if (!v.push(e)) break;
  return v.report();
}

function checkHead(head: NonNullable<HeadRecord> | null, count: number, atHead: string | undefined): { seq: number; id: string; reason: string } | null {
  if (head === null) {
    return count === 0 ? null : { seq: count, id: auditId(count), reason: "central's record of the chain head is missing (deleted; a chain from before it gets one with its next entry)" };
  }
  if (!head.valid) return { seq: head.seq, id: auditId(head.seq), reason: "central's record of the chain head does not verify with central's audit key (altered)" };
  if (count < head.seq) return { seq: count + 1, id: auditId(count + 1), reason: `the chain ends at entry ${count} but central recorded entry ${head.seq} as its head (entries were removed from the end)` };
  if (atHead !== head.hash) return { seq: head.seq, id: auditId(head.seq), reason: `entry ${head.seq} is not the one central recorded as the chain head (the tail was replaced)` };
  return null;
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(new Uint8Array(Buffer.from(a)), new Uint8Array(Buffer.from(b)));
}
