// Settles every immutable document (sale, move, return) of a store database found with more
// than one live leaf: reads the leaves, judges each one's signature, keeps the legitimate one
// (pick-legitimate), deletes the others with one `_bulk_docs` (only central, the server admin,
// may delete a revision of one: see the store design doc), then audits each incident with every
// removed revision in full and announces it live (`tamper.detected`). The write comes before the
// audit entry, so the trail never claims what did not happen.
import type { CentralDeps } from '../central-deps.js';
import { readLeavesMany, type LeafRequest } from '../conflicts/read-leaves.js';
import { planBulk, type LeafWithHistory } from '../conflicts/plan-bulk.js';
import { applyBulk } from '../conflicts/apply-bulk.js';
import type { SignedDoc } from '../devices/signature-verdict.js';
import { pickLegitimate, type JudgedLeaf, type TamperDecision } from './pick-legitimate.js';

export interface TamperDeps extends CentralDeps {
  /** null when the document of store database `db` verifies (central/devices/key-verdict), else why not. */
  verdictOf(db: string, doc: SignedDoc): Promise<string | null>;
  /** The account that sent a revision through central's /db, when central saw it. */
  pushedBy?(db: string, docId: string, rev: string): string | undefined;
}

interface Incident { docId: string; leaves: Array<JudgedLeaf & LeafWithHistory>; decision: TamperDecision }

/** Returns the ids settled. */
export async function settleTamper(deps: TamperDeps, db: string, requests: readonly LeafRequest[]): Promise<string[]> {
  if (requests.length === 0) return [];
  const byId = await readLeavesMany(deps.nano, db, requests);
  const incidents: Incident[] = [];
  for (const [docId, leaves] of byId) {
    const judged = await Promise.all(leaves.map(async (l) => ({ ...l, verdict: l.deleted ? null : await deps.verdictOf(db, { ...l.body, _id: docId }) })));
    const decision = pickLegitimate(docId, judged);
    if (decision) incidents.push({ docId, leaves: judged, decision });
  }
  if (incidents.length === 0) return [];
  await applyBulk(deps, db, incidents.flatMap(({ docId, leaves, decision }) => planBulk(docId, leaves, { kind: 'keep-winner', rev: decision.keep })));
  for (const incident of incidents) await report(deps, db, incident);
  return incidents.map((i) => i.docId);
}

async function report(deps: TamperDeps, db: string, { docId, leaves, decision }: Incident): Promise<void> {
  const removed = leaves.filter((l) => decision.remove.includes(l.rev)).map((l) => ({
    rev: l.rev, verdict: l.verdict, pushedBy: deps.pushedBy?.(db, docId, l.rev) ?? 'unknown',
    device: l.body.device, keyId: l.body.keyId, updatedBy: l.body.updatedBy, body: l.body,
  }));
  const action = decision.incident === 'tamper' ? 'tamper.detected' : 'void.twice';
  await deps.audit.append({ actor: 'central', action, target: `${db}/${docId}`, details: { db, docId, kept: decision.keep, reason: decision.reason, removed } });
  deps.bus.publish(action, {
    db, docId, kept: decision.keep, reason: decision.reason,
    removed: removed.map(({ rev, verdict, pushedBy, device }) => ({ rev, verdict, pushedBy, device })),
  });
}
