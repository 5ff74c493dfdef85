// Writes a planned resolution with one `_bulk_docs` and `new_edits: false` (the revisions are
// ours, computed in plan-bulk), and fails loudly if CouchDB refused any of them.
import { ProntoError } from '../../validators/index.js';
import { couchError } from '../couch/errors.js';
import type { BulkDoc } from './plan-bulk.js';
import type { CentralDeps } from '../central-deps.js';

export async function applyBulk(deps: CentralDeps, db: string, docs: BulkDoc[]): Promise<void> {
  if (docs.length === 0) return;
  let res: Array<{ id?: string; error?: string; reason?: string }>;
  try {
    res = (await deps.nano.use(db).bulk({ docs: docs as never[], new_edits: false })) as never;
  } catch (err) {
    throw couchError(err, `writing the resolution of ${docs[0]?._id} in ${db}`);
  }
  const failed = (res ?? []).filter((r) => r.error);
  if (failed.length > 0) {
    throw new ProntoError('COUCH_ERROR', `CouchDB refused the resolution of ${docs[0]?._id} in ${db}: ${failed[0]?.error}: ${failed[0]?.reason}`, { db, failed });
  }
}
