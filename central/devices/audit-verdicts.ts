// The audit entries and live notices of central's verdicts on a store's sales, moves and returns,
// each verdict audited exactly once. The document is written first (apply-verdicts.ts; its `_rev`
// is the compare-and-swap that lets one central, not two, make the change), then audited with the
// audit writer's appendOnce: every document an entry names carries an idempotency key naming the
// write (central/quarantine/quarantine-keys.ts), and a key the trail holds is not written again.
// If central dies between the write and the entry, the write comes back through the feed as a
// change (a quarantined document, or one past generation 1 without the flag: a lift or an admin's
// release) and auditEarlierVerdicts writes the missing entry then (`recovered: true`), with its
// notice; a second look (a replay, another central) finds the key and writes nothing.
// An entry names at most MAX_LISTED documents (more take several entries), so each is named.
// Known limit: an admin's release appends its entry without asking the trail (its note and name
// must be kept), so a second central that sees the released revision before that entry is stored
// audits it too, as a recovered lift: twice, never zero times. In one process the release's entry
// is queued as soon as its write returns, while the feed still has two reads to make before it
// queues its own, so the feed's look under the claim finds the key.
import type { CentralDeps } from '../central-deps.js';
import { auditedKeys } from '../audit/audited-keys.js';
import { flaggedKey, liftedKey, quarantinedKey } from '../quarantine/index.js';
import type { StoredDoc } from './apply-verdicts.js';

export interface QuarantineVerdict { doc: StoredDoc; reason: string; at: string; problems: readonly string[] }
/** `rev`: the revision the lift made; `was`: the reason lifted, when known. */
export interface LiftVerdict { doc: StoredDoc; rev: string; was?: string }
export interface FlagVerdict { doc: StoredDoc; rev: string; flags: readonly string[] }

type Deps = Pick<CentralDeps, 'audit' | 'bus'>;

const MAX_LISTED = 50;
const MAX_NOTICES = 20;
const MAX_PER_DOC = 10;

/** Audits the quarantines the trail does not hold yet and announces them; returns how many. */
export async function auditQuarantined(deps: Deps, db: string, verdicts: readonly QuarantineVerdict[], recovered = false): Promise<number> {
  let audited = 0;
  for (const chunk of chunks(verdicts)) {
    const done = await deps.audit.appendOnce({
      items: chunk,
      keyOf: (v) => quarantinedKey(db, v.doc._id, v.at),
      entry: (items) => ({ actor: 'central', action: 'sale.quarantined', target: db, details: { count: items.length, ...(recovered ? { recovered } : {}), documents: items.map(({ doc, reason, at, problems }) => ({
        id: doc._id, device: doc.device, keyId: doc.keyId, reason, at, ...(problems.length > 1 ? { problems: problems.slice(0, MAX_PER_DOC) } : {}),
      })) } }),
    });
    for (const { doc, reason } of done?.items ?? []) deps.bus.publish('sale.quarantined', { db, docId: doc._id, store: doc.store, device: doc.device, reason });
    audited += done?.items.length ?? 0;
  }
  return audited;
}

/** Audits the lifts the trail does not hold yet and announces them; returns how many. */
export async function auditLifted(deps: Deps, db: string, verdicts: readonly LiftVerdict[], recovered = false): Promise<number> {
  let audited = 0;
  for (const chunk of chunks(verdicts)) {
    const done = await deps.audit.appendOnce({
      items: chunk,
      keyOf: (v) => liftedKey(db, v.doc._id, v.rev),
      entry: (items) => ({ actor: 'central', action: 'sale.quarantine-lifted', target: db, details: { count: items.length, ...(recovered ? { recovered } : {}), documents: items.map(({ doc, rev, was }) => ({
        id: doc._id, device: doc.device, rev, ...(was !== undefined ? { was } : {}),
      })) } }),
    });
    for (const { doc, was } of done?.items ?? []) deps.bus.publish('sale.quarantine-lifted', { db, docId: doc._id, store: doc.store, device: doc.device, was });
    audited += done?.items.length ?? 0;
  }
  return audited;
}

/** Audits documents counted but worth a look, one entry and one notice per MAX_LISTED. */
export async function auditFlagged(deps: Deps, db: string, verdicts: readonly FlagVerdict[]): Promise<void> {
  for (const chunk of chunks(verdicts)) {
    const listed = (items: readonly FlagVerdict[]) => items.map(({ doc, flags }) => ({ id: doc._id, device: doc.device, flags: flags.slice(0, MAX_PER_DOC) }));
    const done = await deps.audit.appendOnce({
      items: chunk,
      keyOf: (v) => flaggedKey(db, v.doc._id, v.rev),
      entry: (items) => ({ actor: 'central', action: 'store-doc.flagged', target: db, details: { count: items.length, documents: listed(items) } }),
    });
    if (done === null) continue;
    deps.bus.publish('store-doc.flagged', { db, count: done.items.length, documents: listed(done.items).slice(0, MAX_NOTICES).map(({ id, device, flags }) => ({ docId: id, device, reason: flags[0] })) });
  }
}

/**
 * Documents central judged before (quarantined, or past generation 1 without the flag: lifted or
 * released) seen again by the feed: audits the verdicts whose entry never reached the trail.
 * One view read when all are there (the usual case: the change of central's own write); the
 * missing ones are then appended with appendOnce, which asks again under the chain's claim.
 */
export async function auditEarlierVerdicts(deps: Deps & Pick<CentralDeps, 'nano'>, db: string, docs: readonly StoredDoc[]): Promise<void> {
  if (docs.length === 0) return;
  const quarantined = docs.flatMap((doc) => (doc.quarantined ? [{ doc, reason: doc.quarantined.reason, at: doc.quarantined.at, problems: [] }] : []));
  const lifted = docs.flatMap((doc) => (!doc.quarantined && generation(doc._rev) > 1 ? [{ doc, rev: doc._rev }] : []));
  const held = await auditedKeys(deps.nano, [...quarantined.map((v) => quarantinedKey(db, v.doc._id, v.at)), ...lifted.map((v) => liftedKey(db, v.doc._id, v.rev))]);
  await auditQuarantined(deps, db, quarantined.filter((v) => !held.has(quarantinedKey(db, v.doc._id, v.at))), true);
  await auditLifted(deps, db, lifted.filter((v) => !held.has(liftedKey(db, v.doc._id, v.rev))), true);
}

const generation = (rev: string): number => Number.parseInt(rev, 10);

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += MAX_LISTED) out.push(items.slice(i, i + MAX_LISTED));
  return out;
}
