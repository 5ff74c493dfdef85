// The audit chain's head — the sequence number and hash of its last entry — kept where only
// central writes (the server-admin-only `pronto-audit-head` database, not `audit`, which chain
// admins read) and MAC'd with central's audit key. A chain can be cut at its end without breaking
// any link; compared with this head, a truncated tail is found (verify-chain). The head only moves
// forward (compare-and-swap on `_rev`), so two centrals appending at once keep the larger one.
import type Nano from 'nano';
import { couchError, isStatus } from '../couch/errors.js';
import { CENTRAL_DATABASES } from '../setup/central-databases.js';
import { auditMac } from './audit-hash.js';

export interface ChainHead { seq: number; hash: string }
export interface StoredHead extends ChainHead { _id: string; _rev?: string; mac: string }

const ID = 'head';
const MAX_TRIES = 20;

export const headMac = (head: ChainHead, key: Buffer): string => auditMac(`head:${head.seq}:${head.hash}`, key);

/** The stored head, or null when there is none; `valid` says whether its MAC verifies. */
export async function readChainHead(nano: Nano.ServerScope, key: Buffer): Promise<(ChainHead & { valid: boolean }) | null> {
  const doc = await read(nano);
  if (doc === null) return null;
  return { seq: doc.seq, hash: doc.hash, valid: typeof doc.mac === 'string' && doc.mac === headMac(doc, key) };
}

/**
 * Moves the head to `head` unless it is already there or further; returns the head document's
 * new `_rev` when it moved it. `lastRev`: the `_rev` this writer's previous move left, for an
 * appender whose entries only grow: a write on it goes through only if nobody moved the head
 * since (compare-and-swap), so it skips the read; a 409 falls back to reading the head.
 */
export async function advanceChainHead(nano: Nano.ServerScope, key: Buffer, head: ChainHead, lastRev?: string): Promise<string | undefined> {
  const db = nano.use<StoredHead>(CENTRAL_DATABASES.auditHead);
  const write = async (rev: string | undefined) => (await db.insert({ _id: ID, ...(rev ? { _rev: rev } : {}), seq: head.seq, hash: head.hash, mac: headMac(head, key) })).rev;
  if (lastRev !== undefined) {
    try {
      return await write(lastRev);
    } catch (err) {
      if (!isStatus(err, 409)) throw couchError(err, 'moving the audit chain head');
    }
  }
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const current = await read(nano);
    if (current !== null && current.seq >= head.seq) return undefined;
    try {
      return await write(current?._rev);
    } catch (err) {
      if (!isStatus(err, 409)) throw couchError(err, 'moving the audit chain head');
    }
  }
  return undefined;
}

async function read(nano: Nano.ServerScope): Promise<StoredHead | null> {
  try {
    return (await nano.use<StoredHead>(CENTRAL_DATABASES.auditHead).get(ID)) as StoredHead;
  } catch (err) {
    if (isStatus(err, 404)) return null;
    throw couchError(err, 'reading the audit chain head');
  }
}
