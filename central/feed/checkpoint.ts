// The change follower's place in each database's `_changes` feed, kept in central's own
// `pronto-checkpoints` database (server admin only), so a restart resumes where it stopped.
// Never in the followed database itself: a `_local` document there skips validate_doc_update and
// any member may write it (on CouchDB too), so a cashier could move central past every change.
// A loaded checkpoint is checked against the database's update_seq (check-since). The releases
// before kept it in each database's `_local/pronto-resolver`: setup takes those over once, in the
// run that creates `pronto-checkpoints` (takeOverLegacyCheckpoints), or every stored sale would be
// judged again by today's rules (an old sale against today's prices and dates). The followed
// databases' `_local` documents are never read after that.
import type Nano from 'nano';
import { couchError, isStatus } from '../couch/errors.js';
import { CENTRAL_DATABASES } from '../setup/central-databases.js';
import { checkSince, type SinceCheck } from './check-since.js';

const DB = CENTRAL_DATABASES.checkpoints;
const docId = (db: string) => `checkpoint:resolver:${db}`;

interface CheckpointDoc { _id: string; _rev?: string; db: string; since: string }

/** The checkpoint of `db`, checked: `ok: false` says why it was refused (start from '0'). */
export async function loadCheckpoint(nano: Nano.ServerScope, db: string): Promise<SinceCheck> {
  let stored: unknown;
  try {
    stored = ((await nano.use<CheckpointDoc>(DB).get(docId(db))) as CheckpointDoc).since;
  } catch (err) {
    if (!isStatus(err, 404)) throw couchError(err, `reading the checkpoint of ${db}`);
  }
  if (stored === undefined) return { ok: true, since: '0' };
  let info: { update_seq?: unknown };
  try {
    info = (await nano.db.get(db)) as { update_seq?: unknown };
  } catch (err) {
    throw couchError(err, `reading the update_seq of ${db}`);
  }
  return checkSince(stored, info.update_seq);
}

export async function saveCheckpoint(nano: Nano.ServerScope, db: string, since: string): Promise<void> {
  const store = nano.use<CheckpointDoc>(DB);
  // Two followers may share the document; last writer wins and the loser only redoes idempotent work.
  for (let attempt = 0; attempt < 3; attempt++) {
    let rev: string | undefined;
    try {
      rev = ((await store.get(docId(db))) as CheckpointDoc)._rev;
    } catch (err) {
      if (!isStatus(err, 404)) throw couchError(err, `reading the checkpoint of ${db}`);
    }
    try {
      await store.insert({ _id: docId(db), db, since, ...(rev ? { _rev: rev } : {}) });
      return;
    } catch (err) {
      if (!isStatus(err, 409)) throw couchError(err, `saving the checkpoint of ${db}`);
    }
  }
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
