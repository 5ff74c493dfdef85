// Writes what central decided about a batch of a store's sales, moves and returns, in one
// `_bulk_docs`: `quarantined: {reason, at}` set (or its reason updated) on what it does not
// count, and removed from a document that now passes (a return whose sale arrived late). Only an
// admin may touch an immutable document, and only its `quarantined` (the store design doc's
// validate_doc_update). Each kind of change gets one audit entry per batch and live notices:
// `sale.quarantined` (for all three types), `sale.quarantine-lifted`, and `store-doc.flagged`
// (counted, but worth a look) — flags bounded, one entry and one notice per batch.
import type { CentralDeps } from '../central-deps.js';
import { couchError } from '../couch/errors.js';

export interface StoredDoc { _id: string; _rev: string; store?: unknown; device?: unknown; keyId?: unknown; quarantined?: { reason: string; at: string } }

export interface Outcome {
  doc: StoredDoc;
  /** The reason written on the document, or null when central counts it. */
  reason: string | null;
  /** Every problem found (the audit trail keeps them all, up to MAX_LISTED). */
  problems: readonly string[];
  flags: readonly string[];
}

const MAX_LISTED = 50;
const MAX_NOTICES = 20;
const MAX_PER_DOC = 10;

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
  if (quarantined.length > 0) {
    await deps.audit.append({ actor: 'central', action: 'sale.quarantined', target: db, details: { count: quarantined.length, documents: quarantined.slice(0, MAX_LISTED).map(({ doc, reason, problems }) => ({
      id: doc._id, device: doc.device, keyId: doc.keyId, reason, ...(problems.length > 1 ? { problems: problems.slice(0, MAX_PER_DOC) } : {}),
    })) } });
  }
  for (const { doc, reason } of quarantined) deps.bus.publish('sale.quarantined', { db, docId: doc._id, store: doc.store, device: doc.device, reason });
  if (lifted.length > 0) {
    await deps.audit.append({ actor: 'central', action: 'sale.quarantine-lifted', target: db, details: { count: lifted.length, documents: lifted.slice(0, MAX_LISTED).map(({ doc }) => ({ id: doc._id, device: doc.device, was: doc.quarantined?.reason })) } });
  }
  for (const { doc } of lifted) deps.bus.publish('sale.quarantine-lifted', { db, docId: doc._id, store: doc.store, device: doc.device, was: doc.quarantined?.reason });
  if (flagged.length > 0) {
    const listed = flagged.map(({ doc, flags }) => ({ id: doc._id, device: doc.device, flags: flags.slice(0, MAX_PER_DOC) }));
    await deps.audit.append({ actor: 'central', action: 'store-doc.flagged', target: db, details: { count: flagged.length, documents: listed.slice(0, MAX_LISTED) } });
    deps.bus.publish('store-doc.flagged', { db, count: flagged.length, documents: listed.slice(0, MAX_NOTICES).map(({ id, device, flags }) => ({ docId: id, device, reason: flags[0] })) });
  }
  return { quarantined: quarantined.length, lifted: lifted.length, flagged: flagged.length };
}

function withoutQuarantine(doc: StoredDoc): StoredDoc {
  const { quarantined: _, ...rest } = doc;
  return rest;
}

/** The ids written; a refused write (a document changed meanwhile, a design doc that forbids it) is logged. */
async function write(deps: CentralDeps, db: string, docs: readonly StoredDoc[]): Promise<Set<string>> {
  if (docs.length === 0) return new Set();
  let res: Array<{ id: string; error?: string; reason?: string }>;
  try {
    res = (await deps.nano.use(db).bulk({ docs: docs as never[] })) as typeof res;
  } catch (err) {
    throw couchError(err, `writing quarantine flags in ${db}`);
  }
  const refused = res.filter((r) => r.error);
  if (refused.length > 0) deps.log.warn({ db, refused: refused.slice(0, MAX_NOTICES).map((r) => ({ id: r.id, error: r.error, reason: r.reason })) }, 'central could not write quarantine flags');
  return new Set(res.filter((r) => !r.error).map((r) => r.id));
}
