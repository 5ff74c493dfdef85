// Finds customers that share a business key with the changed ones (the customers design doc's
// `by-business-key` view, one query per batch) and merges each group into its oldest member,
// recording it like a conflict. A concurrent edit makes the write fail with 409; the batch is
// retried and planned again from fresh data.
import type Nano from 'nano';
import { ProntoError } from '../../validators/index.js';
import { couchError } from '../couch/errors.js';
import { businessKeys } from './business-keys.js';
import { conflictId } from '../conflicts/conflict-id.js';
import { isCentralStamp } from '../conflicts/is-central-stamp.js';
import { planDuplicateMerge, type CustomerDoc } from './plan-duplicate-merge.js';
import { policyFor } from '../conflicts/policy-for.js';
import type { CentralDeps } from '../central-deps.js';
import { createConflictRecord } from '../conflicts/write-conflict-record.js';

export async function mergeDuplicates(deps: CentralDeps, customerIds: readonly string[]): Promise<number> {
  if (customerIds.length === 0) return 0;
  const db = deps.nano.use('customers');
  const docs = await fetchLive(db, customerIds);
  const keys = [...new Map(docs.flatMap((d) => businessKeys(d as never)).map((k) => [JSON.stringify(k), k])).values()];
  if (keys.length === 0) return 0;
  const res = (await db.view('pronto', 'by-business-key', { keys } as never).catch((err: unknown) => { throw couchError(err, 'finding duplicate customers'); })) as unknown as { rows: Array<{ id: string; key: unknown }> };
  const groups = new Map<string, Set<string>>();
  for (const row of res.rows) groups.set(JSON.stringify(row.key), (groups.get(JSON.stringify(row.key)) ?? new Set()).add(row.id));
  let merged = 0;
  for (const ids of groups.values()) {
    if (ids.size < 2) continue;
    const group = await fetchLive(db, [...ids]);
    if (group.length >= 2) merged += await mergeGroup(deps, db, group);
  }
  return merged;
}

async function fetchLive(db: Nano.DocumentScope<unknown>, ids: readonly string[]): Promise<CustomerDoc[]> {
  const res = (await db.fetch({ keys: [...ids] }).catch((err: unknown) => { throw couchError(err, 'reading customers'); })) as unknown as { rows: Array<{ doc?: CustomerDoc | null }> };
  return res.rows.flatMap((r) => (r.doc && r.doc.mergedInto === undefined && (r.doc as { type?: string }).type === 'customer' ? [r.doc] : []));
}

async function mergeGroup(deps: CentralDeps, db: Nano.DocumentScope<unknown>, docs: CustomerDoc[]): Promise<number> {
  // The merged records are written on top of what was read: stamped after it. The conflict
  // record is central's own document, stamped by its clock.
  const plan = planDuplicateMerge(docs, policyFor(await deps.policy(), 'customer').fields, isCentralStamp, deps.clock.stampAfter(docs.map((d) => d.updatedAt)));
  const stamp = deps.clock.next();
  const writes = [...(plan.survivorUpdate ? [plan.survivorUpdate] : []), ...plan.merged];
  const out = (await db.bulk({ docs: writes as never[] })) as Array<{ id: string; error?: string }>;
  const failed = out.filter((r) => r.error);
  if (failed.length > 0) throw new ProntoError('COUCH_ERROR', `merging duplicates of ${plan.survivor._id}: ${failed[0]!.id}: ${failed[0]!.error}`, { failed });
  const id = conflictId('customers', plan.survivor._id, docs.map((d) => `${d._id}@${d._rev}`));
  const duplicates = plan.merged.map((d) => d._id);
  const created = await createConflictRecord(deps, {
    _id: id, kind: 'duplicate', db: 'customers', docId: plan.survivor._id, status: 'resolved', strategy: 'field-merge', resolution: 'write-merged',
    revisions: docs.map((d) => d._rev).sort(), leaves: plan.leaves.map((l) => ({ rev: l.rev, id: l.body._id, body: l.body })),
    result: plan.survivorUpdate ?? plan.survivor, duplicates, detectedAt: stamp, updatedAt: stamp, resolvedBy: 'resolver', resolvedAt: stamp,
  });
  if (created) await deps.audit.append({ actor: 'resolver', action: 'customer.merged', target: plan.survivor._id, details: { conflict: id, duplicates } });
  deps.bus.publish('duplicate.merged', { db: 'customers', docId: plan.survivor._id, duplicates, conflict: id });
  return duplicates.length;
}
