// Checks the sales, stock movements and returns arriving in a store database and quarantines what
// central does not count: first the key (signed by a key registered for the device it names, and
// bound to that device and store: key-verdict.ts), then the business rules against the catalog,
// the settings, the sale a return gives back and central's clock (central/rules). Decisions are
// written by apply-verdicts.ts (`quarantined: {reason, at}`, which the stock, sales and returns
// views skip; audited and announced). When a sale arrives, the returns that were quarantined
// because it had not arrived yet are checked again, and released if they now pass. A document
// past its first revision without the flag was cleared (by central, or released by an admin:
// central/quarantine): a till writes these once, so it is not judged again; but its verdict's
// audit entry, if a crash kept it from the trail, is written now (audit-verdicts.ts).
import type { CentralDeps } from '../central-deps.js';
import { couchError } from '../couch/errors.js';
import {
  assessBatch, createCatalogFacts, ownStamp, quarantineReason, quarantinedReturns, waitsForSale,
  type ApprovalVerdict, type RulesEnv, type StoreDoc,
} from '../rules/index.js';
import { applyVerdicts, type Outcome } from './apply-verdicts.js';
import { auditEarlierVerdicts } from './audit-verdicts.js';
import type { Device } from '../../validators/index.js';
import { deviceId, type DeviceRegistry } from './device-registry.js';
import { keyVerdict, withDevice } from './key-verdict.js';
import { approvalVerdict } from '../approvers/index.js';

/** The immutable types a till signs (see store-client/crypto/sign-doc). */
export const SIGNED_TYPES: ReadonlySet<string> = new Set(['sale', 'move', 'return']);

type Stored = StoreDoc & { _rev: string; _conflicts?: string[] };

export interface StoreDocChecker {
  deps: CentralDeps;
  devices: DeviceRegistry;
  rules: RulesEnv;
}

export interface CheckerOptions {
  /** Whether a document's manager approval is valid (null) or why not. Default: central/approvers' verdict. */
  approvalVerdict?: ApprovalVerdict;
  /** Central's clock (ms). Default Date.now. */
  now?: () => number;
}

export function createStoreDocChecker(deps: CentralDeps, devices: DeviceRegistry, options: CheckerOptions = {}): StoreDocChecker {
  return {
    deps, devices,
    rules: { nano: deps.nano, facts: createCatalogFacts(deps.nano), approvalVerdict: options.approvalVerdict ?? approvalVerdict({ nano: deps.nano, approvers: deps.approvers }), now: options.now ?? Date.now },
  };
}

/** `ids`: changed sales, moves and returns of store database `db`. Returns how many it quarantined.
 * `read`, if given, receives every live document as read, before any verdict was written (the
 * change feed announces who wrote each change from these, instead of reading them again). */
export async function verifyStoreDocs(checker: StoreDocChecker, db: string, ids: readonly string[], read?: Map<string, Record<string, unknown>>): Promise<number> {
  if (ids.length === 0) return 0;
  let rows: Array<{ doc?: Stored | null }>;
  try {
    rows = ((await checker.deps.nano.use(db).fetch({ keys: [...ids] }, { conflicts: true })) as unknown as { rows: typeof rows }).rows;
  } catch (err) {
    throw couchError(err, `reading new documents of ${db}`);
  }
  if (read) for (const { doc } of rows) if (doc && !read.has(doc._id)) read.set(doc._id, doc as unknown as Record<string, unknown>);
  const signed = rows.flatMap(({ doc }) => (doc && !forked(doc) && SIGNED_TYPES.has(doc.type ?? '') ? [doc] : []));
  const judged = (doc: Stored) => doc.quarantined !== undefined || cleared(doc);
  await auditEarlierVerdicts(checker.deps, db, signed.filter(judged));
  const docs = signed.filter((doc) => !judged(doc));
  const outcomes = await decide(checker, db, docs);
  const { quarantined } = await applyVerdicts(checker.deps, db, outcomes);
  const arrived = outcomes.filter((o) => o.reason === null && o.doc._id.startsWith('sale:')).map((o) => o.doc._id);
  await recheckWaitingReturns(checker, db, arrived);
  return quarantined;
}

/** A second live leaf: the forged-branch job settles it first (feed-jobs, settleForgedBranches), and
 *  its write brings the document back here as one leaf. Judged now, the winner read might be the
 *  forged branch, and quarantining it would write on top of the branch the tamper job removes. */
const forked = (doc: Stored): boolean => (doc._conflicts?.length ?? 0) > 0;

/** Written once by a till (generation 1); a later revision is central's or an admin's clearing. */
const cleared = (doc: Stored): boolean => Number.parseInt(doc._rev, 10) > 1;

async function decide(checker: StoreDocChecker, db: string, docs: readonly Stored[]): Promise<Outcome[]> {
  const dbStore = db.slice('store-'.length);
  const distrusted = new Map<string, string>();
  const devices = freshOncePerBatch(checker.devices);
  for (const doc of docs) {
    const reason = await withDevice(devices, doc, (device) => keyVerdict(doc, dbStore, device));
    if (reason !== null) distrusted.set(doc._id, reason);
  }
  const assessed = await assessBatch(checker.rules, db, docs.filter((d) => !distrusted.has(d._id)), distrusted);
  return docs.map((doc) => {
    const key = distrusted.get(doc._id);
    if (key !== undefined) return { doc, reason: key, problems: [key], flags: [] };
    const { quarantine, flags } = assessed.get(doc._id)!;
    return { doc, reason: quarantine.length > 0 ? quarantineReason(quarantine) : null, problems: quarantine, flags };
  });
}

/** Returns quarantined while waiting for one of `saleIds`, checked again in the order they were made. */
async function recheckWaitingReturns(checker: StoreDocChecker, db: string, saleIds: readonly string[]): Promise<void> {
  const waiting = (await quarantinedReturns(checker.deps.nano, db, saleIds))
    .filter((r) => r.quarantined !== undefined && waitsForSale(r.quarantined.reason, r.sale))
    .sort((a, b) => (ownStamp(a) < ownStamp(b) ? -1 : ownStamp(a) > ownStamp(b) ? 1 : 0));
  if (waiting.length > 0) await applyVerdicts(checker.deps, db, await decide(checker, db, waiting));
}

/** The registry, reading a device afresh at most once per batch (200 forged documents: one read, not 200). */
function freshOncePerBatch(devices: DeviceRegistry): DeviceRegistry {
  const fresh = new Map<string, Promise<Device | null>>();
  return {
    get(store, device, again = false) {
      if (!again) return devices.get(store, device);
      const id = deviceId(store, device);
      if (!fresh.has(id)) fresh.set(id, devices.get(store, device, true));
      return fresh.get(id)!;
    },
    invalidate: (id) => devices.invalidate(id),
  };
}
