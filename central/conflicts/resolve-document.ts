// Settles documents' revision conflicts by the policy, a batch at a time: read each document's
// leaves, decide (pure), record what was decided (conflict records, one `_bulk_docs`), audit the
// intent (`conflict.resolving`; `conflict.queued` for what goes to an admin), write every
// resolution with one `_bulk_docs`, confirm the records (one `_bulk_docs`, compare-and-swap,
// carrying the intent's seq) and only then audit the outcome (`conflict.resolved`, linked to its
// intent) — the trail never says a write happened before it did. Safe to run twice, or
// from two resolvers at once: record ids and written revisions are derived from the leaves, so
// repeats change nothing; each record is audited once, and written by its creator, or after a
// lease by whoever finds it orphaned (see write-conflict-record for the crash cases).
import { conflictId } from './conflict-id.js';
import { isCentralStamp } from './is-central-stamp.js';
import { planBulk, type BulkDoc, type LeafWithHistory } from './plan-bulk.js';
import { readLeavesMany, type LeafRequest } from './read-leaves.js';
import { resolveLeaves } from './resolve-leaves.js';
import { applyBulk } from './apply-bulk.js';
import { findIntents } from './find-intents.js';
import type { SettledLeaves } from './settled-leaves.js';
import { confirmWritten, createConflictRecords, markAudited, sortExisting } from './write-conflict-record.js';
import type { CentralDeps } from '../central-deps.js';

/** `deferred`: another resolver is on it; try again in a later round. */
export type Outcome = 'none' | 'resolved' | 'queued' | 'deferred';

/**
 * `requests` name the documents and, when the changes feed listed them, their leaf revs.
 * `settled`: what this resolver left of the documents it settled; a request listing exactly
 * those leaves is its own write coming back, with one live leaf, and is not read again.
 */
export async function resolveDocuments(deps: CentralDeps, db: string, requests: readonly LeafRequest[], settled?: SettledLeaves): Promise<Outcome[]> {
  return (await resolveAndTell(deps, db, requests, settled)).outcomes;
}

/**
 * resolveDocuments, and the body each document it settled has now (the kept or merged leaf it
 * wrote as the winner), so the feed's later jobs need not read them again.
 */
export async function resolveAndTell(deps: CentralDeps, db: string, requests: readonly LeafRequest[], settled?: SettledLeaves): Promise<{ outcomes: Outcome[]; bodies: Map<string, Record<string, unknown>> }> {
  const policy = await deps.policy();
  const unsettled = requests.filter((r) => !(r.revs && settled?.settledBy(db, r.id, r.revs)));
  const byId = await readLeavesMany(deps.nano, db, [...new Map(unsettled.map((r) => [r.id, r])).values()]);
  const all = [...byId].map(([docId, leaves]) => ({ docId, leaves }));
  const conflicted = all.filter((d) => d.leaves.filter((l) => !l.deleted).length >= 2);
  const decided = conflicted.map(({ docId, leaves }) => decide(deps, db, docId, leaves, resolveLeaves(leaves, policy, isCentralStamp)));
  for (const d of decided) deps.bus.publish('conflict.detected', { db, docId: d.docId, revisions: d.record.revisions, conflict: d.record._id });

  const created = await createConflictRecords(deps, decided.map((d) => d.record));
  const others = decided.map((d) => d.record._id as string).filter((id) => !created.has(id));
  const existing = await sortExisting(deps, others, deps.recordLeaseMs ?? 60_000, Date.now());
  const mine = new Map([...created, ...existing.claimed]);
  const ours = (d: Decision) => mine.has(d.record._id as string);
  // A claimed resolution whose creator appended its intent and died before confirming it: its
  // intent is found in the trail and linked, not written again (the record carries no mark).
  const intents = await findIntents(deps.nano, [...existing.claimed.values()].filter((r) => r.status === 'resolved'));
  const toConfirm = new Map([...existing.orphaned, ...[...intents].map(([id, seq]) => [id, { ...mine.get(id)!, auditSeq: seq }] as const)]);
  const recovered = new Set(toConfirm.keys());
  // One audit entry per batch and kind, naming every conflict in it: a chained append per
  // resolution would cap the resolver at the audit database's write rate. A queued record is
  // marked with its entry (it is then settled by an admin); a resolution is not (one record write
  // fewer): its entry's seq is written with its confirmation, after the document.
  for (const queued of [true, false]) {
    const batch = decided.filter((d) => d.queued === queued && ours(d) && !toConfirm.has(d.record._id as string));
    if (batch.length === 0) continue;
    const entry = await deps.audit.append({ actor: 'resolver', action: queued ? 'conflict.queued' : 'conflict.resolving', target: db,
      details: { count: batch.length, conflicts: batch.map((d) => ({ docId: d.docId, ...d.auditDetails })) } });
    const records = new Map(batch.map((d) => [d.record._id as string, { ...mine.get(d.record._id as string)!, auditSeq: entry.seq }]));
    if (queued) await markAudited(deps, records, entry.seq);
    else for (const [id, record] of records) toConfirm.set(id, record);
  }
  // A resolution another resolver audited is theirs to write until the lease runs out: its
  // document stays conflicted and comes back in a later round (deferred), written by then or orphaned.
  const ready = decided.filter((d) => !existing.deferred.has(d.record._id as string));
  await applyBulk(deps, db, ready.flatMap((d) => d.writes));
  for (const d of ready) if (!d.queued) settled?.remember(db, d.docId, d.leaves, d.writes);
  const writing = new Set(ready.filter((d) => !d.queued).map((d) => d.record._id as string));
  const confirmed = await confirmWritten(deps, new Map([...toConfirm].filter(([id]) => writing.has(id))));
  const written = ready.filter((d) => confirmed.has(d.record._id as string));
  if (written.length > 0) {
    await deps.audit.append({ actor: 'resolver', action: 'conflict.resolved', target: db, details: {
      count: written.length, intents: [...new Set(written.map((d) => toConfirm.get(d.record._id as string)!.auditSeq!))].sort((a, b) => a - b),
      conflicts: written.map((d) => ({ docId: d.docId, ...d.auditDetails, ...(recovered.has(d.record._id as string) ? { recovered: true } : {}) })),
    } });
  }
  for (const d of ready) {
    if (d.queued && !ours(d)) continue;
    deps.bus.publish(d.queued ? 'conflict.queued' : 'conflict.resolved', { db, docId: d.docId, conflict: d.record._id, ...d.auditDetails });
  }
  const outcome = new Map<string, Outcome>(decided.map((d) => [d.docId, existing.deferred.has(d.record._id as string) ? 'deferred' : d.queued ? 'queued' : 'resolved']));
  const bodies = new Map(ready.filter((d) => !d.queued).map((d) => [d.docId, { ...(d.record.result as Record<string, unknown>), _id: d.docId }]));
  return { outcomes: requests.map((r) => outcome.get(r.id) ?? 'none'), bodies };
}

interface Decision { docId: string; leaves: LeafWithHistory[]; queued: boolean; record: Record<string, unknown>; writes: BulkDoc[]; auditDetails: Record<string, unknown> }

function decide(deps: CentralDeps, db: string, docId: string, leaves: LeafWithHistory[], resolution: ReturnType<typeof resolveLeaves>): Decision {
  const live = leaves.filter((l) => !l.deleted);
  const revisions = live.map((l) => l.rev).sort();
  const id = conflictId(db, docId, revisions);
  // Central read these leaves: its later writes sort after them (within the skew bound). The
  // record is central's own document, stamped by its clock (its lease is read from it).
  for (const l of live) deps.clock.observe(l.body.updatedAt);
  const stamp = deps.clock.next();
  const base = { _id: id, kind: 'revision', db, docId, strategy: resolution.strategy, revisions, detectedAt: stamp, updatedAt: stamp,
    leaves: live.map((l) => ({ rev: l.rev, body: l.body })) };
  if (resolution.kind === 'needs-review') {
    return { docId, leaves, queued: true, writes: [], record: { ...base, status: 'pending', resolution: 'needs-review', reason: resolution.reason },
      auditDetails: { conflict: id, reason: resolution.reason } };
  }
  const result = resolution.kind === 'keep-winner' ? live.find((l) => l.rev === resolution.rev)!.body : resolution.body;
  return {
    docId, leaves, queued: false, writes: planBulk(docId, leaves, resolution),
    record: { ...base, ...(resolution.kind === 'keep-winner' ? { winner: resolution.rev } : {}), status: 'resolved', resolution: resolution.kind,
      result, resolvedBy: 'resolver', resolvedAt: stamp },
    auditDetails: { conflict: id, strategy: resolution.strategy, resolution: resolution.kind },
  };
}
