// An admin settles a queued conflict: either picks one of the live revisions, or supplies a
// merged body (validated by the document contract). In this order, so that every outcome is
// honest and a failure half-way can be finished:
//   1. the record is closed first, by compare-and-swap on its `_rev`: a second admin (or a 409
//      for any reason) gets CONFLICT and nothing is written to the document;
//   2. the choice is written like an automatic resolution (one `_bulk_docs`); if that fails, the
//      record is reopened and the error goes back to the admin;
//   3. only then is it audited (`conflict.resolved`) and announced.
// A crash between 1 and 2 leaves a closed record over a conflicted document: resolving it again
// writes what the record says (it carries the choice), and audits it then.
// A record the console lists may still get the feed's second write (its confirmation) while an
// admin resolves it: a close that meets that write (409) over a record still pending is tried
// once more, over what is stored then. A record another admin closed is never closed again.
import type { Conflict } from '../../validators/index.js';
import { ProntoError, validate } from '../../validators/index.js';
import { couchError, isStatus } from '../couch/errors.js';
import { exclusiveInsert } from '../couch/exclusive-writes.js';
import { applyBulk } from './apply-bulk.js';
import { couchWinner } from './couch-winner.js';
import { planBulk, type Applied, type LeafWithHistory } from './plan-bulk.js';
import { readLeaves } from './read-leaves.js';
import type { CentralDeps } from '../central-deps.js';

export type ManualChoice = ({ rev: string; body?: undefined } | { body: Record<string, unknown>; rev?: undefined }) & {
  /** The live revisions the admin decided over: if the document's leaves are no longer these, CONFLICT (reload). */
  seen?: string[];
};

export type Stored = Conflict & { _rev?: string };

export async function resolveManually(deps: CentralDeps, recordId: string, choice: ManualChoice, actor: string): Promise<Conflict> {
  try {
    return await resolveOnce(deps, recordId, choice, actor);
  } catch (err) {
    if (!(err instanceof ProntoError && err.details.recordChanged === true)) throw err;
    if ((await readConflictRecord(deps, recordId)).status === 'resolved') throw err;
    return resolveOnce(deps, recordId, choice, actor);
  }
}

async function resolveOnce(deps: CentralDeps, recordId: string, choice: ManualChoice, actor: string): Promise<Conflict> {
  const record = await readConflictRecord(deps, recordId) as Stored;
  const leaves = await readLeaves(deps.nano, record.db, record.docId);
  const live = leaves.filter((l) => !l.deleted);
  if (record.status === 'resolved') return finishRecorded(deps, record, leaves);
  if (live.length === 0) throw new ProntoError('CONFLICT', `${record.docId} no longer exists in ${record.db}`, { id: recordId });

  checkSeen(record, live, choice.seen);
  const { applied, result } = planChoice(deps, record, live, choice, actor);
  return settle(deps, record, leaves, { applied, result, resolution: applied.kind === 'keep-winner' ? 'manual-pick' : 'manual-merge' }, actor);
}

/** How an admin settles a record: what to write, the body that results, and the record's `resolution`. */
export interface Settlement {
  applied: Applied;
  result: Record<string, unknown>;
  resolution: NonNullable<Conflict['resolution']>;
  /** More for the `conflict.resolved` audit entry (a bulk action names itself and its strategy). */
  audit?: Record<string, unknown>;
}

/** Steps 1 to 3 above for a pending record: close it by compare-and-swap, write, audit, announce. */
export async function settle(deps: CentralDeps, record: Stored, leaves: LeafWithHistory[], s: Settlement, actor: string): Promise<Conflict> {
  const { applied, result } = s;
  const stamp = deps.clock.next();
  const closed = validate({
    ...record, status: 'resolved', resolution: s.resolution, result,
    ...(applied.kind === 'keep-winner' ? { winner: applied.rev } : {}), resolvedBy: actor, resolvedAt: stamp, updatedAt: stamp, updatedBy: actor,
  }, { db: 'audit' }) as Stored;
  const rev = await saveRecord(deps, closed, `closing conflict ${record._id}`);
  try {
    await applyBulk(deps, record.db, planBulk(record.docId, leaves, applied));
  } catch (err) {
    await saveRecord(deps, { ...record, _rev: rev, updatedAt: deps.clock.next(), updatedBy: actor }, `reopening conflict ${record._id}`)
      .catch((reopen: unknown) => deps.log.error({ err: (reopen as Error).message, conflict: record._id }, 'a manual resolution failed and its record could not be reopened: resolving it again finishes it'));
    throw err;
  }
  return confirm(deps, { ...closed, _rev: rev }, actor, false, s.audit);
}

/** The choice as a resolution to write, and the body that results. */
function planChoice(deps: CentralDeps, record: Conflict, live: LeafWithHistory[], choice: ManualChoice, actor: string): { applied: Applied; result: Record<string, unknown> } {
  if (typeof choice.rev === 'string') {
    const leaf = live.find((l) => l.rev === choice.rev);
    // A revision the record offered that is gone since (another admin, or a store, settled it
    // meanwhile) is a stale view: CONFLICT (reload); any other is a bad choice.
    if (!leaf && record.revisions.includes(choice.rev)) {
      throw new ProntoError('CONFLICT', `rev ${choice.rev} of ${record.docId} is no longer live (its revisions are now ${live.map((l) => l.rev).join(', ')}); reload the conflict`, { id: record._id, revs: live.map((l) => l.rev) });
    }
    if (!leaf) throw new ProntoError('BAD_REQUEST', `rev ${choice.rev} is not a live revision of ${record.docId}; choose one of ${live.map((l) => l.rev).join(', ')}`, { revs: live.map((l) => l.rev) });
    return { applied: { kind: 'keep-winner', rev: leaf.rev }, result: leaf.body };
  }
  if (choice.body !== null && typeof choice.body === 'object') {
    // The admin decides every field of the merge, after every leaf they saw: no per-field stamps
    // carried over (each field's stamp is `updatedAt`), and a stamp after every leaf's, even one
    // from a till whose clock runs ahead (central's clock itself is not dragged: stampAfter).
    const { _rev, _revisions, _conflicts, stamps: _stamps, ...rest } = choice.body;
    const stamp = deps.clock.stampAfter(live.flatMap((l) => [l.body.updatedAt, ...stampsOf(l.body)]));
    const result = { ...rest, _id: record.docId, type: couchWinner(live).body.type, updatedAt: stamp, updatedBy: actor };
    validate(result, { db: record.db });
    return { applied: { kind: 'write-merged', body: result }, result };
  }
  throw new ProntoError('BAD_REQUEST', 'send {"rev": "<a live revision>"} or {"body": {…merged document…}}');
}

/** A merge built over revisions A and B must not silently delete a revision C that arrived since. */
function checkSeen(record: Conflict, live: LeafWithHistory[], seen: unknown): void {
  if (seen === undefined) return;
  if (!Array.isArray(seen) || seen.length > 100 || !seen.every((r) => typeof r === 'string')) throw new ProntoError('BAD_REQUEST', 'seen: must be the list of revisions you saw', { param: 'seen' });
  const now = live.map((l) => l.rev).sort();
  const saw = [...new Set(seen as string[])].sort();
  if (now.length !== saw.length || now.some((r, i) => r !== saw[i])) {
    throw new ProntoError('CONFLICT', `${record.docId} changed since you loaded it (its revisions are now ${now.join(', ')}); reload the conflict`, { id: record._id, revs: now });
  }
}

function stampsOf(body: Record<string, unknown>): unknown[] {
  const stamps = body.stamps;
  return stamps !== null && typeof stamps === 'object' && !Array.isArray(stamps) ? Object.values(stamps) : [];
}

/** A record closed by an admin whose write may not have happened (a crash between 1 and 2): write what it says. */
async function finishRecorded(deps: CentralDeps, record: Stored, leaves: LeafWithHistory[]): Promise<Conflict> {
  const live = leaves.filter((l) => !l.deleted);
  const manual = record.resolution === 'manual-pick' || record.resolution === 'manual-merge';
  const pending = manual && live.length >= 2 && live.every((l) => record.revisions.includes(l.rev) || l.rev === record.winner);
  if (!pending) throw new ProntoError('CONFLICT', `conflict ${record._id} is already resolved`, { id: record._id });
  const applied: Applied = record.resolution === 'manual-pick' && record.winner !== undefined
    ? { kind: 'keep-winner', rev: record.winner }
    : { kind: 'write-merged', body: record.result as Record<string, unknown> };
  if (applied.kind === 'keep-winner' && !live.some((l) => l.rev === applied.rev)) throw new ProntoError('CONFLICT', `conflict ${record._id}: its chosen revision is gone`, { id: record._id });
  await applyBulk(deps, record.db, planBulk(record.docId, leaves, applied));
  return confirm(deps, record, record.resolvedBy ?? 'resolver', true);
}

async function confirm(deps: CentralDeps, closed: Stored, actor: string, recovered: boolean, extra: Record<string, unknown> = {}): Promise<Conflict> {
  await deps.audit.append({ actor, action: 'conflict.resolved', target: `${closed.db}/${closed.docId}`,
    details: { conflict: closed._id, manual: true, resolution: closed.resolution, ...extra, ...(recovered ? { recovered: true } : {}) } });
  deps.bus.publish('conflict.resolved', { db: closed.db, docId: closed.docId, conflict: closed._id, resolution: closed.resolution, actor });
  return closed;
}

/** Writes the record over its `_rev` (compare-and-swap); returns the new `_rev`. */
async function saveRecord(deps: CentralDeps, record: Stored, doing: string): Promise<string> {
  try {
    return (await exclusiveInsert(deps.nano, 'audit', record)).rev;
  } catch (err) {
    if (isStatus(err, 409)) throw new ProntoError('CONFLICT', `conflict ${record._id} was changed meanwhile; reload it`, { id: record._id, recordChanged: true });
    throw couchError(err, doing);
  }
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
