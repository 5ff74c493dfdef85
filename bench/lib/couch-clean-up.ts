// Deleting what a bench run left on a CouchDB it shares: documents by id (every leaf), and the
// entries central keeps per store or account, found by the run's tag in their ids.
import type Nano from 'nano';
import { CENTRAL_DATABASES } from '../../central/setup/central-databases.js';
import { ProntoError } from '../../validators/errors.js';

/** Databases where central keeps entries per store or account (not the audit trail: it is append-only). */
export const TRACES = ['catalog', ...Object.values(CENTRAL_DATABASES).filter((db) => db !== CENTRAL_DATABASES.auditHead)];

/** Whether `id` names something of the run tagged `tag` (`b1a2b3c`): `-b1a2b3c` not followed by
 *  another hex digit, so a device suffix or a UUID (`pos-b1a2b3c4`, `…-b1a2b3c0ffee`) never matches. */
export const carriesTag = (id: string, tag: string): boolean => new RegExp(`-${tag}(?![0-9a-f])`).test(id);

export async function deleteTagged(nano: Nano.ServerScope, db: string, tag: string): Promise<void> {
  const ids = (await nano.use(db).list()).rows.map((r) => r.id).filter((id) => carriesTag(id, tag));
  if (ids.length > 0) await deleteDocs(nano, db, ids);
}

/** Deletes the current revision of each of `ids` still there (its conflicts too), 500 at a time. */
export async function deleteDocs(nano: Nano.ServerScope, db: string, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const res = await nano.use(db).fetch({ keys: ids.slice(i, i + 500) }, { conflicts: true });
    const docs = res.rows.flatMap((r) => {
      const doc = 'doc' in r ? r.doc as { _id: string; _rev: string; _conflicts?: string[] } | null : null;
      return doc ? [doc._rev, ...(doc._conflicts ?? [])].map((rev) => ({ _id: doc._id, _rev: rev, _deleted: true })) : [];
    });
    const failed = (await nano.use(db).bulk({ docs: docs as never[] })).filter((r) => 'error' in r && r.error);
    if (failed.length > 0) throw new ProntoError('COUCH_ERROR', `${failed.length} of ${docs.length} deletions refused, first ${failed[0]!.id}: ${failed[0]!.error}`);
  }
}

export async function deleteDoc(nano: Nano.ServerScope, db: string, id: string): Promise<void> {
  const doc = await nano.use(db).get(id);
  await nano.use(db).destroy(id, doc._rev);
}
