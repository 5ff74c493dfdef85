// The change follower's place in each database's `_changes` feed, kept in central's own
// `pronto-checkpoints` database (server admin only), so a restart resumes where it stopped.
// Never in the followed database itself: a `_local` document there skips validate_doc_update and
// any member may write it (on CouchDB too), so a cashier could move central past every change.
// A loaded checkpoint is checked against the database's update_seq (check-since; on a cluster
// with how many copies its shards have, shard-copies). The releases before kept it in each
// database's `_local/pronto-resolver`: setup takes those over once, in the run that creates
// `pronto-checkpoints` (takeOverLegacyCheckpoints), or every stored sale would be judged again by
// today's rules (an old sale against today's prices and dates). The followed databases' `_local`
// documents are never read after that.
import type Nano from 'nano';
import { couchError, isStatus } from '../couch/errors.js';
import { CENTRAL_DATABASES } from '../setup/central-databases.js';
import { checkSince, dependsOnCopies, type SinceCheck } from './check-since.js';
import { hasSeveralCopies } from './shard-copies.js';
import { abortableRequest } from './abortable-request.js';
import { NO_PENDING, parsePending, unionPending, type PendingWork } from './pending-work.js';

const DB = CENTRAL_DATABASES.checkpoints;
const docId = (db: string) => `checkpoint:resolver:${db}`;

interface CheckpointDoc { _id: string; _rev?: string; db: string; since: string; pending?: PendingWork }

export interface Checkpoint {
  /** Where to follow from: `ok: false` says why the stored one was refused (start from '0'). */
  check: SinceCheck;
  /** Work seen before `since` and not finished (pending-work.ts); kept even when `since` is refused. */
  pending: PendingWork;
  /** The stored document's `_rev`, for the first save to write on without reading it again (undefined: none stored). */
  rev?: string;
}

async function readDoc(nano: Nano.ServerScope, db: string, signal?: AbortSignal): Promise<CheckpointDoc | undefined> {
  try {
    return (await abortableRequest(nano, { db: DB, doc: docId(db) }, signal)) as CheckpointDoc;
  } catch (err) {
    if (!isStatus(err, 404)) throw couchError(err, `reading the checkpoint of ${db}`);
  }
  // No checkpoint yet; but with no `pronto-checkpoints` database (setup has not run, or it was
  // lost) nothing says what was done: fail, and the follower tries again, rather than redo everything.
  try {
    await abortableRequest(nano, { db: DB }, signal);
  } catch (err) {
    throw couchError(err, `reading the checkpoint of ${db}`);
  }
  return undefined;
}

/** The checkpoint of `db`, checked against its update_seq, with the work still pending. */
export async function loadCheckpoint(nano: Nano.ServerScope, db: string, signal?: AbortSignal): Promise<Checkpoint> {
  // Both reads at once (one round trip, not two, on every start); the update_seq is only used
  // when there is a checkpoint to check, and a failure to read it fails the load either way.
  const [stored, info] = await Promise.allSettled([readDoc(nano, db, signal), abortableRequest(nano, { db }, signal) as Promise<{ update_seq?: unknown }>]);
  if (stored.status === 'rejected') throw stored.reason;
  const pending = parsePending(stored.value?.pending);
  const rev = stored.value?._rev;
  if (stored.value?.since === undefined) return { check: { ok: true, since: '0' }, pending, ...(rev ? { rev } : {}) };
  if (info.status === 'rejected') throw couchError(info.reason, `reading the update_seq of ${db}`);
  const { since } = stored.value;
  const updateSeq = info.value.update_seq;
  // A cluster checkpoint past the update_seq: the two may come from different copies of a shard.
  const severalCopies = dependsOnCopies(since, updateSeq) && await hasSeveralCopies(nano, db, signal);
  return { check: checkSince(since, updateSeq, severalCopies), pending, ...(rev ? { rev } : {}) };
}

/**
 * Saves `since` with the work still pending before it, in one write: the checkpoint never
 * passes work that is neither done nor written down. Two followers may share the document: the
 * last `since` wins (the loser only redoes idempotent work) and both pending sets are kept.
 * `lastRev`: the `_rev` this follower's previous save returned; the first write goes on it
 * without reading the document (a 409 means another follower wrote since: read, keep both
 * pending sets, write again). Returns the new `_rev`.
 */
export async function saveCheckpoint(nano: Nano.ServerScope, db: string, since: string, pending: PendingWork = NO_PENDING, signal?: AbortSignal, lastRev?: string): Promise<string> {
  let write = pending;
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored: Pick<CheckpointDoc, '_rev' | 'pending'> | undefined = attempt === 0 && lastRev !== undefined ? { _rev: lastRev } : await readDoc(nano, db, signal);
    if (attempt > 0) write = unionPending(pending, parsePending(stored?.pending));
    const doc: CheckpointDoc = { _id: docId(db), db, since, ...(write.changes.length > 0 ? { pending: write } : {}), ...(stored?._rev ? { _rev: stored._rev } : {}) };
    try {
      return ((await abortableRequest(nano, { db: DB, doc: docId(db), method: 'PUT', body: doc }, signal)) as { rev: string }).rev;
    } catch (err) {
      if (!isStatus(err, 409)) throw couchError(err, `saving the checkpoint of ${db}`);
    }
  }
  throw couchError({ statusCode: 409, error: 'conflict', reason: 'another follower kept writing it' }, `saving the checkpoint of ${db}`);
}

/**
 * Once, when `pronto-checkpoints` has just been created: each database's old checkpoint, if it
 * still passes check-since, becomes its checkpoint here. Returns what it took over, for setup's report.
 */
export async function takeOverLegacyCheckpoints(nano: Nano.ServerScope, dbs: readonly string[]): Promise<string[]> {
  const taken: string[] = [];
  for (const db of dbs) {
    let since: unknown;
    try {
      since = ((await nano.request({ db, path: '_local/pronto-resolver' })) as { since?: unknown }).since;
    } catch (err) {
      if (isStatus(err, 404)) continue;
      throw couchError(err, `reading the old checkpoint of ${db}`);
    }
    const info = (await nano.db.get(db)) as { update_seq?: unknown };
    const checked = checkSince(since, info.update_seq);
    if (!checked.ok || checked.since === '0') continue;
    await saveCheckpoint(nano, db, checked.since);
    taken.push(`took over the change follower's checkpoint of ${db} (${checked.since.split('-')[0]})`);
  }
  return taken;
}
