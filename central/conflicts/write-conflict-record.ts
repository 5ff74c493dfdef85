// Conflict records in the `audit` database, and the protocol that gets each one audited exactly
// once even with two resolvers at once and crashes in between:
//   1. create the records (one `_bulk_docs`): a 409 means someone else created it — theirs (on a
//      cluster, where two creates can both be acknowledged, central/couch/exclusive-writes.ts);
//   2. the creator appends the audit entry naming them. A queued record (for an admin) is then
//      marked with its `auditSeq`. A resolution's record is not marked (a third write of every
//      record cost a third of the resolver's time): the creator writes the resolution, then
//      confirms the record (compare-and-swap on `_rev`, `auditSeq` set: the record is confirmed)
//      and audits the outcome (resolve-document);
//   3. a record left unconfirmed (unmarked) longer than a lease (its creator died, or is that
//      slow) is claimed by compare-and-swap on its `_rev`. For a resolution, the claimant looks
//      for its creator's intent in the trail (find-intents.ts): found, it writes the resolution,
//      confirms and audits the outcome linked to that intent (`recovered`); not found (the creator
//      died before auditing), it audits the intent itself first. A queued record's claimant
//      audits it (at-least-once: a creator that died after auditing but before marking is
//      audited twice, never zero times);
//   4. a record marked audited but not confirmed (left by a resolver before this protocol), past
//      the lease, is written by whoever finds it, who confirms it and audits the outcome.
import type { Conflict } from '../../validators/index.js';
import { ProntoError, validate } from '../../validators/index.js';
import { parseStamp } from '../../store-client/hlc.js';
import { exclusiveBulk } from '../couch/exclusive-writes.js';
import type { CentralDeps } from '../central-deps.js';

export type Owned = Map<string, Conflict & { _rev: string }>;

export async function createConflictRecords(deps: CentralDeps, records: ReadonlyArray<Record<string, unknown>>): Promise<Owned> {
  const docs = records.map((r) => validate({ type: 'conflict', updatedBy: 'resolver', ...r }, { db: 'audit' }) as Conflict);
  const res = await bulk(deps, docs, 'writing conflict records');
  return owned(docs, res);
}

export async function createConflictRecord(deps: CentralDeps, record: Record<string, unknown>): Promise<boolean> {
  return (await createConflictRecords(deps, [record])).has(record._id as string);
}

export interface Existing {
  /** Audited and queued for an admin: nothing to write, nothing to confirm. */
  queued: Set<string>;
  /**
   * Resolutions audited by a resolver that, past the lease, has not confirmed writing them (it
   * died between its intent and the write, or is slow): claimed by compare-and-swap on `_rev`,
   * now ours to write and to confirm. Within the lease they are deferred.
   */
  orphaned: Owned;
  /** Unaudited orphans past the lease, now ours to audit. */
  claimed: Owned;
  /** Another resolver is (probably) still on them: leave them for a later round. */
  deferred: Set<string>;
}

/** Sorts records someone else created: audited, orphaned (claimed by CAS on `_rev`), or in progress. */
export async function sortExisting(deps: CentralDeps, ids: readonly string[], leaseMs: number, nowMs: number): Promise<Existing> {
  const out: Existing = { queued: new Set(), orphaned: new Map(), claimed: new Map(), deferred: new Set() };
  if (ids.length === 0) return out;
  const res = (await deps.nano.use('audit').fetch({ keys: [...ids] })) as unknown as { rows: Array<{ key: string; doc?: (Conflict & { _rev: string }) | null }> };
  const stale: Array<Conflict & { _rev: string }> = [];
  const orphans: Array<Conflict & { _rev: string }> = [];
  for (const row of res.rows) {
    const old = row.doc ? wallOf(row.doc.updatedAt) < nowMs - leaseMs : false;
    if (!row.doc) out.deferred.add(row.key);
    else if (row.doc.auditSeq !== undefined && row.doc.status === 'pending') out.queued.add(row.key);
    else if (row.doc.auditSeq !== undefined && old) orphans.push(row.doc);
    else if (row.doc.auditSeq === undefined && old) stale.push(row.doc);
    else out.deferred.add(row.key);
  }
  out.claimed = await claim(deps, stale, out.deferred);
  out.orphaned = await claim(deps, orphans, out.deferred);
  return out;
}

async function claim(deps: CentralDeps, docs: Array<Conflict & { _rev: string }>, lost: Set<string>): Promise<Owned> {
  if (docs.length === 0) return new Map();
  const stamp = deps.clock.next();
  const claims = docs.map((d) => ({ ...d, updatedAt: stamp }));
  const won = owned(claims, await bulk(deps, claims, 'claiming conflict records'));
  for (const d of docs) if (!won.has(d._id)) lost.add(d._id);
  return won;
}

/** Marks owned records as audited by entry `seq`; returns them at their new `_rev` (a failure here only risks a second audit later). */
export async function markAudited(deps: CentralDeps, records: Owned, seq: number): Promise<Owned> {
  if (records.size === 0) return new Map();
  const docs = [...records.values()].map((d) => ({ ...d, auditSeq: seq }));
  return owned(docs, await bulk(deps, docs, 'marking conflict records audited'));
}

/**
 * After their resolutions are written: bumps each record by compare-and-swap on the `_rev` its
 * writer holds, and returns the ids that succeeded. Only they get an outcome entry, so a slow
 * creator and the resolver that took its orphan over do not both confirm one resolution.
 */
export async function confirmWritten(deps: CentralDeps, records: Owned): Promise<Set<string>> {
  if (records.size === 0) return new Set();
  const stamp = deps.clock.next();
  const docs = [...records.values()].map((d) => ({ ...d, updatedAt: stamp }));
  return new Set(owned(docs, await bulk(deps, docs, 'confirming written resolutions')).keys());
}

async function bulk(deps: CentralDeps, docs: readonly object[], doing: string): Promise<Array<{ id: string; rev?: string; error?: string; reason?: string }>> {
  if (docs.length === 0) return [];
  // Every write here is a compare-and-swap one resolver must win alone, on a cluster too.
  const res = await exclusiveBulk(deps.nano, 'audit', docs, doing);
  const refused = res.filter((r) => r.error && r.error !== 'conflict');
  if (refused.length > 0) throw new ProntoError('COUCH_ERROR', `${doing}: CouchDB refused ${refused[0]!.id}: ${refused[0]!.reason}`, { refused });
  return res;
}

function owned(docs: readonly Conflict[], res: Array<{ id: string; rev?: string; error?: string }>): Owned {
  const revs = new Map(res.filter((r) => !r.error && r.rev).map((r) => [r.id, r.rev!]));
  return new Map(docs.flatMap((d) => (revs.has(d._id) ? [[d._id, { ...d, _rev: revs.get(d._id)! }] as const] : [])));
}

function wallOf(stamp: string): number {
  try {
    return parseStamp(stamp).wallMs;
  } catch {
    return 0;
  }
}
