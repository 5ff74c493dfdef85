// Pushes a design doc only when it changed (couchdb-push style), so a restart does not make a
// new revision and CouchDB does not rebuild views for nothing. Written to every copy (`w=n`): on
// a cluster each copy of a shard validates a write with the design docs it holds, and a copy the
// new validate_doc_update has not reached yet would store a write the others refuse (and
// internal replication would then spread it).
import type Nano from 'nano';
import { designDocChanged, type DesignDoc } from '../../design-docs/index.js';
import { couchError, isStatus } from '../couch/errors.js';
import { copiesOf } from '../couch/exclusive-writes.js';

export async function pushDesignDoc(nano: Nano.ServerScope, db: string, doc: DesignDoc): Promise<'created' | 'updated' | 'unchanged'> {
  const scope = nano.use<Record<string, unknown>>(db);
  let current: (Record<string, unknown> & { _rev?: string }) | undefined;
  try {
    current = await scope.get(doc._id);
  } catch (err) {
    if (!isStatus(err, 404)) throw couchError(err, `reading ${doc._id} in ${db}`);
  }
  if (current !== undefined && !designDocChanged(current, doc)) return 'unchanged';
  try {
    await scope.insert({ ...doc, ...(current?._rev ? { _rev: current._rev } : {}) } as never, { w: await copiesOf(nano, db) } as never);
  } catch (err) {
    throw couchError(err, `writing ${doc._id} in ${db}`);
  }
  return current === undefined ? 'created' : 'updated';
}
