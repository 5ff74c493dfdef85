// What GET /api/refusals lists, declared once for central (central/refusals keeps these records
// in its `pronto-refusals` database) and the console (admin-ui, with `import type`).

/** One upload CouchDB refused: one record per database, document and revision. */
export interface RefusalRecord {
  _id: string;
  type: 'refusal';
  store: string;
  db: string;
  docId: string;
  rev: string;
  error: string;
  reason: string;
  /** The account CouchDB authenticated for the upload. */
  account: string;
  /** ISO wall time central saw the refusal. */
  at: string;
  /** Set when an admin dismissed it: who, when (ISO), and why. */
  dismissed?: { by: string; at: string; note: string };
  /** Set when an admin accepted it after correction: central then held `rev`, later and counted. */
  accepted?: { by: string; at: string; note: string; rev: string };
}

/** Open until an admin settles it (POST /api/refusals/:id/dismiss or /accept). */
export type RefusalStatus = 'open' | 'dismissed' | 'accepted';

/** A page of GET /api/refusals; `next` is the cursor of the page after, null on the last. */
export interface RefusalPage { store: string | null; status: RefusalStatus | null; refusals: RefusalRecord[]; next: string | null }
