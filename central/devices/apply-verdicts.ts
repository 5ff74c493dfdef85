// Writes what central decided about a batch of a store's sales, moves and returns, in one
// `_bulk_docs`: `quarantined: {reason, at}` set (or its reason updated) on what it does not
// count, and removed from a document that now passes (a return whose sale arrived late). Only an
// admin may touch an immutable document, and only its `quarantined` (the store design doc's
// validate_doc_update). Then each change is audited and announced once (audit-verdicts.ts):
// `sale.quarantined` (for all three types), `sale.quarantine-lifted`, and `store-doc.flagged`
// (counted, but worth a look). The write comes first: a document another central changed
// meanwhile is refused (409) here and audited by whoever wrote it; a crash before the entry is
// mended when the write comes back through the feed (verify-store-docs, auditEarlierVerdicts).
import type { CentralDeps } from '../central-deps.js';
import { exclusiveBulk } from '../couch/exclusive-writes.js';
import { auditFlagged, auditLifted, auditQuarantined } from './audit-verdicts.js';

export interface StoredDoc { _id: string; _rev: string; store?: unknown; device?: unknown; keyId?: unknown; quarantined?: { reason: string; at: string } }

export interface Outcome {
  doc: StoredDoc;
  /** The reason written on the document, or null when central counts it. */
  reason: string | null;
  /** Every problem found (the audit trail keeps up to 10 per document). */
  problems: readonly string[];
  flags: readonly string[];
}

const MAX_REFUSED_LOGGED = 20;

export async function applyVerdicts(deps: CentralDeps, db: string, outcomes: readonly Outcome[]): Promise<{ quarantined: number; lifted: number; flagged: number }> {
  const quarantine = outcomes.filter((o) => o.reason !== null && o.doc.quarantined?.reason !== o.reason);
  const lift = outcomes.filter((o) => o.reason === null && o.doc.quarantined !== undefined);
  const at = quarantine.length > 0 ? deps.clock.next() : '';
  const writes = [
    ...quarantine.map(({ doc, reason }) => ({ ...doc, quarantined: { reason: reason!, at } })),
    ...lift.map(({ doc }) => withoutQuarantine(doc)),
  ];
  const written = await write(deps, db, writes);
  const quarantined = quarantine.filter((o) => written.has(o.doc._id));
  const lifted = lift.filter((o) => written.has(o.doc._id));
  const flagged = outcomes.filter((o) => o.reason === null && o.flags.length > 0);
  await auditQuarantined(deps, db, quarantined.map(({ doc, reason, problems }) => ({ doc, reason: reason!, at, problems })));
  await auditLifted(deps, db, lifted.map(({ doc }) => ({ doc, rev: written.get(doc._id)!, was: doc.quarantined?.reason })));
  await auditFlagged(deps, db, flagged.map(({ doc, flags }) => ({ doc, rev: doc._rev, flags })));
  return { quarantined: quarantined.length, lifted: lifted.length, flagged: flagged.length };
}

function withoutQuarantine(doc: StoredDoc): StoredDoc {
  const { quarantined: _, ...rest } = doc;
  return rest;
}

/** The new revision of each document written; a refused write (a document changed meanwhile, a design doc that forbids it) is logged. */
async function write(deps: CentralDeps, db: string, docs: readonly StoredDoc[]): Promise<Map<string, string>> {
  if (docs.length === 0) return new Map();
  // A compare-and-swap one central wins alone, on a cluster too (exclusive-writes.ts).
  const res = await exclusiveBulk(deps.nano, db, docs, `writing quarantine flags in ${db}`);
  const refused = res.filter((r) => r.error);
  if (refused.length > 0) deps.log.warn({ db, refused: refused.slice(0, MAX_REFUSED_LOGGED).map((r) => ({ id: r.id, error: r.error, reason: r.reason })) }, 'central could not write quarantine flags');
  return new Map(res.flatMap((r) => (!r.error && r.rev ? [[r.id, r.rev] as const] : [])));
}
