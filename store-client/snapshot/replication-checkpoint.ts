/// <reference path="../types/pouchdb-generate-replication-id.d.ts" />
// Writes the checkpoint a pull replication (remote → local, no filter, as replication-phases
// starts them) will read, so it continues from a snapshot's seq instead of zero. The id is
// PouchDB's own (pouchdb-generate-replication-id) over the same two database objects; the
// document is pouchdb-checkpointer's (version 1, one history entry), written alike on both
// sides: getCheckpoint trusts a seq only when source and target agree on the session. Where
// central refuses `_local` writes (the catalog, central/http/couch-proxy/door-rules.ts), only the
// local side is written, and the checkpointer, refused in turn when it tries to reset the
// source's, keeps the local one (pouchdb-checkpointer: isForbiddenError → target's last_seq).
import generateReplicationId from 'pouchdb-generate-replication-id';
import { isNotFound, type Db } from '../pouch-types.js';
import type { Seq } from './snapshot-lines.js';

/** The `_local/…` id of the pull replication from `remote` into `local`. */
export function pullReplicationId(local: Db, remote: Db, selector?: object): Promise<string> {
  // `id()` is PouchDB's (the http adapter: server uuid + db url; a local one: its instance id); @types omit it.
  const withId = (db: Db) => db as unknown as { id(): Promise<string> };
  // A pull with a selector (a till's history window) has its own id: the selector's JSON is hashed in.
  return generateReplicationId(withId(remote), withId(local), selector ? { selector } : {});
}

export async function hasCheckpoint(db: Db, id: string): Promise<boolean> {
  try {
    await db.get(id);
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

export async function writePullCheckpoint(local: Db, remote: Db, lastSeq: Seq, session: string, selector?: object): Promise<void> {
  const id = await pullReplicationId(local, remote, selector);
  // Source first: a target checkpoint without its source twin would read as zero, never too far.
  try {
    await putCheckpoint(remote, id, lastSeq, session);
  } catch (err) {
    if (!isRefused(err)) throw err;
  }
  await putCheckpoint(local, id, lastSeq, session);
}

/** The `_local/…` id of the push from `local` to `remote` with this selector (a store push lane). */
export function pushReplicationId(local: Db, remote: Db, selector: object): Promise<string> {
  const withId = (db: Db) => db as unknown as { id(): Promise<string> };
  return generateReplicationId(withId(local), withId(remote), { selector });
}

/** The checkpoint a push (local → remote, `selector`) will read, so it starts at `lastSeq`;
 *  never over one the push wrote itself (which may be further on). Returns whether it wrote. */
export async function writePushCheckpoint(local: Db, remote: Db, lastSeq: Seq, session: string, selector: object): Promise<boolean> {
  const id = await pushReplicationId(local, remote, selector);
  if (await hasCheckpoint(local, id)) return false;
  // Source first, as for the pull: alone, a source checkpoint reads as zero.
  await putCheckpoint(local, id, lastSeq, session);
  await putCheckpoint(remote, id, lastSeq, session);
  return true;
}

async function putCheckpoint(db: Db, id: string, lastSeq: Seq, session: string): Promise<void> {
  let rev: string | undefined;
  try {
    rev = (await db.get(id))._rev;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  await db.put({
    _id: id, ...(rev ? { _rev: rev } : {}),
    session_id: session, last_seq: lastSeq, history: [{ last_seq: lastSeq, session_id: session }],
    replicator: 'pouchdb', version: 1,
  });
}

/** A 4xx other than 404/409: the side that may not be written (pouchdb-checkpointer's test). */
function isRefused(err: unknown): boolean {
  const status = (err as { status?: number } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 && status !== 404 && status !== 409;
}
