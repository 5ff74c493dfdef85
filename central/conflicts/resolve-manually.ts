// An admin settles a queued conflict: either picks one of the live revisions, or supplies a
// merged body (validated by the document contract). The choice is written like an automatic
// resolution (one `_bulk_docs`), the record is closed with who did it, and it is audited.
import type { Conflict } from '../../validators/index.js';
import { ProntoError, validate } from '../../validators/index.js';
import { couchError, isStatus } from '../couch/errors.js';
import { applyBulk } from './apply-bulk.js';
import { couchWinner } from './couch-winner.js';
import { planBulk, type Applied } from './plan-bulk.js';
import { readLeaves } from './read-leaves.js';
import type { CentralDeps } from '../central-deps.js';

export type ManualChoice = { rev: string; body?: undefined } | { body: Record<string, unknown>; rev?: undefined };

export async function resolveManually(deps: CentralDeps, recordId: string, choice: ManualChoice, actor: string): Promise<Conflict> {
  const record = await readConflictRecord(deps, recordId);
  if (record.status === 'resolved') throw new ProntoError('CONFLICT', `conflict ${recordId} is already resolved`, { id: recordId });
  const leaves = await readLeaves(deps.nano, record.db, record.docId);
  const live = leaves.filter((l) => !l.deleted);
  if (live.length === 0) throw new ProntoError('CONFLICT', `${record.docId} no longer exists in ${record.db}`, { id: recordId });

  let applied: Applied;
  let result: Record<string, unknown>;
  if (typeof choice.rev === 'string') {
    const leaf = live.find((l) => l.rev === choice.rev);
    if (!leaf) throw new ProntoError('BAD_REQUEST', `rev ${choice.rev} is not a live revision of ${record.docId}; choose one of ${live.map((l) => l.rev).join(', ')}`, { revs: live.map((l) => l.rev) });
    applied = { kind: 'keep-winner', rev: leaf.rev };
    result = leaf.body;
  } else if (choice.body !== null && typeof choice.body === 'object') {
    const { _rev, _revisions, _conflicts, ...rest } = choice.body;
    const stamp = deps.clock.next();
    result = { ...rest, _id: record.docId, type: couchWinner(live).body.type, updatedAt: stamp, updatedBy: actor };
    validate(result, { db: record.db });
    applied = { kind: 'write-merged', body: result };
  } else {
    throw new ProntoError('BAD_REQUEST', 'send {"rev": "<a live revision>"} or {"body": {…merged document…}}');
  }
  await applyBulk(deps, record.db, planBulk(record.docId, leaves, applied));

  const stamp = deps.clock.next();
  const closed = validate({
    ...record, status: 'resolved', resolution: applied.kind === 'keep-winner' ? 'manual-pick' : 'manual-merge', result,
    ...(applied.kind === 'keep-winner' ? { winner: applied.rev } : {}), resolvedBy: actor, resolvedAt: stamp, updatedAt: stamp, updatedBy: actor,
  }, { db: 'audit' }) as Conflict;
  try {
    await deps.nano.use('audit').insert(closed);
  } catch (err) {
    if (isStatus(err, 409)) throw new ProntoError('CONFLICT', `conflict ${recordId} was changed meanwhile; reload it`, { id: recordId });
    throw couchError(err, `closing conflict ${recordId}`);
  }
  await deps.audit.append({ actor, action: 'conflict.resolved', target: `${record.db}/${record.docId}`, details: { conflict: recordId, manual: true, resolution: closed.resolution } });
  deps.bus.publish('conflict.resolved', { db: record.db, docId: record.docId, conflict: recordId, resolution: closed.resolution, actor });
  return closed;
}

/** A conflict record by id; NOT_FOUND when there is none. */
export async function readConflictRecord(deps: Pick<CentralDeps, 'nano'>, id: string): Promise<Conflict> {
  try {
    const doc = (await deps.nano.use('audit').get(id)) as unknown as Conflict;
    if (doc.type !== 'conflict') throw new ProntoError('NOT_FOUND', `no conflict ${id}`);
    return doc;
  } catch (err) {
    if (isStatus(err, 404)) throw new ProntoError('NOT_FOUND', `no conflict ${id}`, { id });
    throw couchError(err, `reading conflict ${id}`);
  }
}
