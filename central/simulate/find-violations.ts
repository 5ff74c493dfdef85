// What must hold once every till is back online and replication has settled, pure (the evidence
// is read elsewhere): every sale and return a till wrote is at central exactly once with its body
// intact (canonical JSON, without `_rev` and central's `quarantined` mark), and none from its
// devices that no till wrote; central's stock equals the baseline plus what the tills sold and
// took back; each till's replica of its store and of the catalog has central's documents at
// central's winning revisions; no conflict left; nothing pending; nothing refused or quarantined
// (the tills are honest: any refusal or quarantine is reported, announced or not); the audit
// chain verifies. The same rules as the chaos rig's (test/helpers/invariants.ts), on plain data.
import canonicalize from 'canonicalize';

export type Doc = Record<string, unknown> & { _id: string; _rev?: string; _conflicts?: string[]; quarantined?: unknown; type?: unknown; device?: unknown; lines?: Array<{ sku: string; qty: number }> };

export interface TillEvidence {
  device: string;
  store: string;
  /** Every sale and return the till wrote (as written). */
  written: readonly Doc[];
  status: { state: string; pending: number; refused: readonly unknown[]; error?: { code?: string; message?: string } | null };
  /** id → winning revision, of the till's store and catalog databases. */
  replica: { store: ReadonlyMap<string, string>; catalog: ReadonlyMap<string, string> };
}

export interface StoreEvidence {
  store: string;
  baselineStock: Readonly<Record<string, number>>;
  stock: Readonly<Record<string, number>>;
  atCentral: ReadonlyMap<string, Doc>;
  openRefusals: ReadonlyArray<{ _id: string; docId?: string }>;
}

export interface Evidence {
  stores: readonly StoreEvidence[];
  tills: readonly TillEvidence[];
  catalog: ReadonlyMap<string, Doc>;
  /** null when the audit chain verifies, else what broke. */
  auditProblem: string | null;
}

/** A document as written, without what replication or central adds. */
export const bodyOf = (doc: Doc): string => {
  const { _rev: _r, _conflicts: _c, quarantined: _q, _revisions: _v, ...rest } = doc;
  return canonicalize(rest) ?? '';
};

const isImmutable = (doc: Doc) => doc.type === 'sale' || doc.type === 'return';

export function findViolations(e: Evidence): string[] {
  const out: string[] = [];
  for (const till of e.tills) out.push(...tillStatusViolations(till));
  for (const s of e.stores) {
    const tills = e.tills.filter((t) => t.store === s.store);
    out.push(...storeViolations(s, tills));
    for (const till of tills) out.push(...replicaDiff(till.device, 'store', till.replica.store, s.atCentral));
  }
  for (const doc of e.catalog.values()) if (doc._conflicts?.length) out.push(`catalog: ${doc._id} still has conflicts ${doc._conflicts.join(',')}`);
  for (const till of e.tills) out.push(...replicaDiff(till.device, 'catalog', till.replica.catalog, e.catalog));
  if (e.auditProblem !== null) out.push(`audit chain: ${e.auditProblem}`);
  return out;
}

function tillStatusViolations(till: TillEvidence): string[] {
  const s = till.status;
  const out: string[] = [];
  if (s.pending !== 0) out.push(`${till.device} still has ${s.pending} pending (${s.state})`);
  if (s.state !== 'online') out.push(`${till.device} is ${s.state}${s.error ? ` (${s.error.code}: ${s.error.message})` : ''}`);
  if (s.refused.length > 0) out.push(`${till.device} had documents refused: ${JSON.stringify(s.refused).slice(0, 300)}`);
  return out;
}

function storeViolations(s: StoreEvidence, tills: readonly TillEvidence[]): string[] {
  const out: string[] = [];
  const written = tills.flatMap((t) => t.written);
  const ours = new Set(tills.map((t) => t.device));
  const ids = new Set(written.map((d) => d._id));
  for (const doc of written) {
    const there = s.atCentral.get(doc._id);
    if (!there) out.push(`${doc._id} written at ${String(doc.device)} is not at central`);
    else if (bodyOf(there) !== bodyOf(doc)) out.push(`${doc._id} differs at central from what ${String(doc.device)} wrote`);
  }
  // Ids are unique by construction (store, HLC stamp, device), so "once" is "present, and none from our tills that no till wrote".
  for (const doc of s.atCentral.values()) {
    if (isImmutable(doc) && ours.has(String(doc.device)) && !ids.has(doc._id)) out.push(`${doc._id} is at central but ${String(doc.device)} never wrote it`);
    if (doc._conflicts?.length) out.push(`store-${s.store}: ${doc._id} still has conflicts ${doc._conflicts.join(',')}`);
    if (doc.quarantined !== undefined && ours.has(String(doc.device))) out.push(`${doc._id} was quarantined: ${JSON.stringify(doc.quarantined)}`);
  }
  for (const r of s.openRefusals) out.push(`store-${s.store}: an upload was refused (${r.docId ?? r._id})`);
  const expected = expectedStock(s.baselineStock, written, (id) => s.atCentral.get(id)?.quarantined !== undefined);
  for (const sku of new Set([...Object.keys(expected), ...Object.keys(s.stock)])) {
    if ((expected[sku] ?? 0) !== (s.stock[sku] ?? 0)) out.push(`stock of ${sku} at central (${s.store}) is ${s.stock[sku] ?? 0}, the movements say ${expected[sku] ?? 0}`);
  }
  return out;
}

/** Baseline, less what was sold, plus what came back, of what central counts (not quarantined). */
export function expectedStock(baseline: Readonly<Record<string, number>>, written: readonly Doc[], quarantined: (id: string) => boolean): Record<string, number> {
  const stock = { ...baseline };
  for (const doc of written) {
    if (quarantined(doc._id)) continue;
    const sign = doc.type === 'sale' ? -1 : 1;
    for (const l of doc.lines ?? []) stock[l.sku] = (stock[l.sku] ?? 0) + sign * l.qty;
  }
  return stock;
}

/** Same documents at the same winning revisions at the till as at central (design docs included); at most five lines. */
export function replicaDiff(device: string, which: string, mine: ReadonlyMap<string, string>, atCentral: ReadonlyMap<string, Doc>): string[] {
  const out: string[] = [];
  for (const [id, doc] of atCentral) if (mine.get(id) !== doc._rev) out.push(`${device} ${which}: ${id} at ${mine.get(id) ?? 'missing'}, central at ${doc._rev}`);
  for (const id of mine.keys()) if (!atCentral.has(id)) out.push(`${device} ${which}: ${id} is not at central`);
  return out.slice(0, 5);
}
