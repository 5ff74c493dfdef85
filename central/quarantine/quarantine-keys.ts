// The idempotency keys (details.idempotencyKeys, central/audit/append-audit.ts) of the audit
// entries about a document's quarantine. Each names one write to one document, so the entry for
// that write is stored once however often central sees the write again (a replayed batch, two
// centrals): central/devices/audit-verdicts.ts.

/** The write that quarantined `docId` (or changed its reason), stamping `quarantined.at` = `at`. */
export const quarantinedKey = (db: string, docId: string, at: string): string => `quarantined:${db}:${docId}:${at}`;

/** The write that lifted (central) or released (an admin) the quarantine of `docId`, making revision `rev`. */
export const liftedKey = (db: string, docId: string, rev: string): string => `lifted:${db}:${docId}:${rev}`;

/** Central counted revision `rev` of `docId` but flagged it. */
export const flaggedKey = (db: string, docId: string, rev: string): string => `flagged:${db}:${docId}:${rev}`;
