// Appends entries to the hash-chained audit trail in the `audit` database. The next sequence
// number is claimed by creating `audit:<seq>`: CouchDB refuses a second create of the same id
// (409), so two writers (two central processes) never fork the chain; the loser re-reads the
// head and tries again. On a cluster that refusal does not hold, so the claim is made in a
// one-copy database and the entry copied to `audit` (audit-claims.ts). In one process, appends
// are queued and the head is cached, so an append is one request (two on a cluster), and then
// the chain's head (chain-head.ts) is moved to it, so a cut tail shows (one more request: the
// head's `_rev` is kept from the last move, a compare-and-swap).
// `appendOnce` makes an entry idempotent: its items carry keys (details.idempotencyKeys), and
// before every attempt to claim a sequence number the claims are asked which keys they hold
// (audited-keys.ts); only the other items are written. A claim that wins seq N was checked after
// entry N-1 was claimed, and a loser (409) checks again, so two writers, or a replay after a
// crash, never store one key twice.
import type Nano from 'nano';
import type { Audit } from '../../validators/index.js';
import { ProntoError, validate } from '../../validators/index.js';
import { couchError, isStatus } from '../couch/errors.js';
import { GENESIS_HASH, auditHash, auditId, auditMac } from './audit-hash.js';
import { advanceChainHead } from './chain-head.js';
import { auditedKeys } from './audited-keys.js';
import { AUDIT_DB, claimDatabase, copyClaimed, headOf, lastEntry, readClaimedHead } from './audit-claims.js';

export interface AuditInput {
  actor: string;
  action: string;
  target?: string;
  details?: Record<string, unknown>;
}

/** Items audited at most once each: one entry for those whose key no entry of the chain carries yet. */
export interface OnceRequest<T> {
  items: readonly T[];
  keyOf(item: T): string;
  /** The entry naming `items` (never empty); their keys are added as details.idempotencyKeys. */
  entry(items: T[]): AuditInput;
}

export interface AuditWriter {
  append(input: AuditInput): Promise<Audit>;
  /** The entry written and the items it names; null when every item's key was already in the trail. */
  appendOnce<T>(request: OnceRequest<T>): Promise<{ doc: Audit; items: T[] } | null>;
}

export interface ChainAuditWriter extends AuditWriter {
  /** Resolves once every append so far is stored and the chain head moved past it (or its move reported). */
  settled(): Promise<void>;
}

const MAX_TRIES = 50;

/**
 * `key`: central's audit key; every entry carries the MAC of its hash under it. `report`: told
 * when the head could not be moved (the entry is stored; the head catches up with the next one).
 */
export function createAuditWriter(nano: Nano.ServerScope, stamp: () => string, key: Buffer,
  report: (err: Error) => void = (err) => process.emitWarning(`audit chain head not moved: ${err.message}`),
  options: { claims?: string } = {}): ChainAuditWriter {
  // Where sequence numbers are claimed (audit-claims.ts): found at the first append unless given.
  let claims: string | undefined = options.claims;
  let head: { seq: number; hash: string } | null | undefined; // undefined: not read yet
  // The last head this writer knew, kept when `head` is dropped: a claims reader copies to `audit` what came after it.
  let lastSeq: number | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  // The head document's `_rev` after this writer last moved it: the next move skips reading it.
  let headRev: string | undefined;

  /** `make` runs once per attempt, after the head is known and before the claim; null: nothing to append. */
  async function appendNow(make: () => Promise<AuditInput | null>): Promise<{ doc: Audit; moved: Promise<void> } | null> {
    claims ??= await claimDatabase(nano);
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      if (head === undefined) head = claims === AUDIT_DB ? headOf(await lastEntry(nano, AUDIT_DB)) : await readClaimedHead(nano, lastSeq);
      const input = await make();
      if (input === null) return null;
      const seq = (head?.seq ?? 0) + 1;
      const at = stamp();
      const entry: Record<string, unknown> = {
        _id: auditId(seq), type: 'audit', seq, at, actor: input.actor, action: input.action,
        ...(input.target !== undefined ? { target: input.target } : {}),
        ...(input.details !== undefined ? { details: input.details } : {}),
        prevHash: head?.hash ?? GENESIS_HASH, updatedAt: at, updatedBy: 'central',
      };
      entry.hash = auditHash(entry);
      entry.mac = auditMac(entry.hash as string, key);
      const doc = validate(entry, { db: 'audit' }) as Audit;
      try {
        await nano.use(claims).insert(doc);
      } catch (err) {
        if (head) lastSeq = head.seq;
        head = undefined;
        if (!isStatus(err, 409)) throw couchError(err, 'appending to the audit trail');
        continue;
      }
      head = { seq, hash: doc.hash! };
      lastSeq = seq;
      // The claim is the append. A copy that fails is made by the next head read (this writer's
      // next append), and the chain's head waits for it: moved now, it would point past `audit`.
      if (claims !== AUDIT_DB && !(await copyClaimed(nano, doc).then(() => true, (err: Error) => { report(err); return false; }))) {
        lastSeq = seq - 1;
        head = undefined;
        return { doc, moved: Promise.resolve() };
      }
      const first = headRev === undefined;
      const moved = advanceChainHead(nano, key, { seq, hash: doc.hash! }, headRev).then((rev) => { headRev = rev; }, (err: Error) => { headRev = undefined; report(err); });
      if (first) await moved;
      return { doc, moved };
    }
    throw new ProntoError('COUCH_ERROR', `could not append to the audit trail after ${MAX_TRIES} tries (too much contention)`);
  }

  function enqueue(make: () => Promise<AuditInput | null>): Promise<Audit | null> {
    const next = queue.then(() => appendNow(make));
    // The next append starts once this one's head move is done; a failed append does not stop it.
    queue = next.then((r) => r?.moved, () => undefined);
    return next.then((r) => r?.doc ?? null);
  }

  return {
    append: (input) => enqueue(() => Promise.resolve(input)) as Promise<Audit>,
    async appendOnce<T>(request: OnceRequest<T>) {
      let items: T[] = [];
      const doc = await enqueue(async () => {
        const held = await auditedKeys(nano, request.items.map((i) => request.keyOf(i)), claims);
        items = request.items.filter((i) => !held.has(request.keyOf(i)));
        if (items.length === 0) return null;
        const input = request.entry(items);
        return { ...input, details: { ...input.details, idempotencyKeys: items.map((i) => request.keyOf(i)) } };
      });
      return doc === null ? null : { doc, items };
    },
    settled: () => queue.then(() => undefined),
  };
}
