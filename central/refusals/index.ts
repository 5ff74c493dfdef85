// Uploads CouchDB refused document by document (validate_doc_update inside a till's `_bulk_docs`):
// found in the answer central's /db door passes back, recorded once per revision, audited and
// announced, and listed for the console (GET /api/refusals).
export { refusedEntries, type RefusedEntry } from './refused-entries.js';
export { refusalId, refusalRecord, refusalStore, refusalStatus, REFUSAL_STATUSES, NO_STORE, type RefusalRecord, type RefusalStatus } from './refusal-record.js';
export { recordRefusals, type RefusalDeps, type RefusedUpload } from './record-refusals.js';
export { listRefusals } from './list-refusals.js';
export { settleRefusal, REFUSAL_ACTIONS, type RefusalAction, type SettleDeps } from './settle-refusal.js';
export { checkNote, MAX_NOTE } from './check-note.js';
export { acceptVerdict, type HeldRevision } from './accept-verdict.js';
