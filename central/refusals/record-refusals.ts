// Records the documents CouchDB refused inside a till's `_bulk_docs` (seen by central's /db door):
// one record per refused revision in central's own `pronto-refusals` database, created with a
// plain `_bulk_docs` so that a second push of the same revision meets a 409 and is not counted
// again; then, for the new ones only, one `upload.refused` audit entry (after the records exist:
// the trail states what happened) and one `upload.refused` event for the console (SSE).
import type Nano from 'nano';
import type { Logger } from 'pino';
import type { AuditWriter } from '../audit/append-audit.js';
import type { EventBus } from '../events/event-bus.js';
import { couchError } from '../couch/errors.js';
import { ProntoError } from '../../validators/index.js';
import { CENTRAL_DATABASES } from '../setup/central-databases.js';
import { refusalRecord, refusalStore, type RefusalRecord } from './refusal-record.js';
import type { RefusedEntry } from './refused-entries.js';

export interface RefusalDeps {
  nano: Nano.ServerScope;
  audit: AuditWriter;
  bus: EventBus;
  log: Logger;
  /** The account's roles (for a customers upload's store), null when there is no such account. */
  rolesOf(account: string): Promise<string[] | null>;
  now?: () => number;
}

export interface RefusedUpload { db: string; account: string; entries: readonly RefusedEntry[] }

/** Returns the records that are new (already-recorded revisions are left out). */
export async function recordRefusals(deps: RefusalDeps, upload: RefusedUpload): Promise<RefusalRecord[]> {
  if (upload.entries.length === 0) return [];
  const store = refusalStore(upload.db, upload.db.startsWith('store-') ? null : await deps.rolesOf(upload.account));
  const at = new Date((deps.now ?? Date.now)()).toISOString();
  const records = upload.entries.map((e) => refusalRecord(e, { store, db: upload.db, account: upload.account, at }));
  const unique = [...new Map(records.map((r) => [r._id, r])).values()];
  let res: Array<{ id: string; error?: string; reason?: string }>;
  try {
    res = (await deps.nano.use(CENTRAL_DATABASES.refusals).bulk({ docs: unique as never[] })) as never;
  } catch (err) {
    throw couchError(err, 'recording refused uploads');
  }
  const failed = res.filter((r) => r.error && r.error !== 'conflict');
  if (failed.length > 0) throw new ProntoError('COUCH_ERROR', `recording refused uploads: ${failed[0]!.id}: ${failed[0]!.reason}`, { failed });
  const created = new Set(res.filter((r) => !r.error).map((r) => r.id));
  const fresh = unique.filter((r) => created.has(r._id));
  if (fresh.length === 0) return [];
  const refusals = fresh.map((r) => ({ id: r._id, docId: r.docId, rev: r.rev, reason: r.reason }));
  await deps.audit.append({ actor: upload.account, action: 'upload.refused', target: upload.db, details: { store, count: fresh.length, refusals } });
  deps.bus.publish('upload.refused', { store, db: upload.db, account: upload.account, refusals });
  return fresh;
}
