// What must hold at the end of every fault and chaos scenario, once the network is healed: every
// sale and return a till wrote is at central exactly once with its body intact (canonical JSON,
// without `_rev` and central's `quarantined` mark); stock at central equals the baseline plus what
// the tills sold and took back (what central counts); every till's replica of its store and of
// the catalog has the same documents at the same winning revisions as central; no conflict left
// at central; nothing pending; every refusal announced; every quarantine expected and named by
// exactly one audit entry, even across a restart (central/devices/audit-verdicts.ts); the audit
// chain intact. `violations` lists what does not hold; `settleInvariants` waits, bounded,
// until nothing does (replication and the change-feed dispatcher run on their own time). The pure
// parts (a body as written, the stock the movements say, a replica's diff) are the simulator's
// (central/simulate/find-violations.ts).
import type { Sale } from '../../validators/index.js';
import { bodyOf as body, expectedStock, replicaDiff as diffReplica } from '../../central/simulate/find-violations.js';
import type { ChainRig } from './chaos/chain-rig.js';
import { stockOf } from './chaos/chain-rig.js';
import type { ChaosTill } from './chaos/chaos-till.js';

export interface InvariantOptions {
  /** Documents a scenario expects central to quarantine (a till's clock far ahead). Default none. */
  mayQuarantine?: (id: string) => boolean;
}

type Stored = Record<string, unknown> & { _id: string; _rev: string; _conflicts?: string[]; quarantined?: unknown; lines?: Array<{ sku: string; qty: number }> };

export async function violations(rig: ChainRig, options: InvariantOptions = {}): Promise<string[]> {
  const out: string[] = [];
  const nano = rig.demo.central.state.couch.nano;
  // How many `sale.quarantined` entries name each quarantine (a document and its `quarantined.at`).
  const audited = new Map<string, number>();
  const trail = await nano.use<{ action?: string; details?: { documents?: Array<{ id: string; at?: string }> } }>('audit').list({ include_docs: true });
  for (const r of trail.rows) {
    if (r.doc?.action !== 'sale.quarantined') continue;
    for (const d of r.doc.details?.documents ?? []) audited.set(`${d.id} ${d.at}`, (audited.get(`${d.id} ${d.at}`) ?? 0) + 1);
  }
  for (const till of rig.tills) {
    if (!till.running) continue;
    const s = till.manager.status;
    if (s.pending !== 0) out.push(`${till.device} still has ${s.pending} pending (${s.state})`);
    if (s.state !== 'online') out.push(`${till.device} is ${s.state}${s.error ? ` (${s.error.code}: ${s.error.message})` : ''}`);
    // A refusal is expected of no honest till; when one happens it must at least be on the till's status.
    if (s.refused.length > 0) out.push(`${till.device} had documents refused: ${JSON.stringify(s.refused)}`);
  }
  for (const store of rig.stores) {
    const tills = rig.tills.filter((t) => t.store === store);
    const base = rig.baseline.get(store)!;
    const all = await nano.use(`store-${store}`).list({ include_docs: true, conflicts: true });
    const atCentral = new Map(all.rows.map((r) => [r.id, r.doc as unknown as Stored]));
    const written = tills.flatMap((t) => [...t.sold, ...t.returned]) as unknown as Stored[];
    // Exactly once, intact: ids are unique by construction, so "once" is "present, and no sale or return nobody wrote".
    const expected = new Set([...base.ids, ...written.map((d) => d._id)]);
    for (const doc of written) {
      const there = atCentral.get(doc._id);
      if (!there) out.push(`${doc._id} written at a till of ${store} is not at central`);
      else if (body(there) !== body(doc)) out.push(`${doc._id} differs at central from what the till wrote`);
    }
    for (const id of atCentral.keys()) {
      if ((id.startsWith(`sale:${store}:`) || id.startsWith(`return:${store}:`)) && !expected.has(id)) out.push(`${id} is at central but no till wrote it`);
    }
    // Stock: baseline, less what was sold, plus what came back, of what central counts (not quarantined).
    const stock = expectedStock(base.stock, written, (id) => Boolean(atCentral.get(id)?.quarantined));
    const counted = await stockOf(rig.demo, store);
    for (const sku of new Set([...Object.keys(stock), ...Object.keys(counted)])) {
      if ((stock[sku] ?? 0) !== (counted[sku] ?? 0)) out.push(`stock of ${sku} at central (${store}) is ${counted[sku] ?? 0}, the movements say ${stock[sku] ?? 0}`);
    }
    for (const doc of atCentral.values()) {
      if (doc._conflicts?.length) out.push(`${store}: ${doc._id} still has conflicts ${doc._conflicts.join(',')}`);
      if (doc.quarantined) {
        if (!rig.expectQuarantined.has(doc._id) && !options.mayQuarantine?.(doc._id)) out.push(`${doc._id} was quarantined unexpectedly: ${JSON.stringify(doc.quarantined)}`);
        const entries = audited.get(`${doc._id} ${(doc.quarantined as { at?: string }).at}`) ?? 0;
        if (entries !== 1) out.push(`${doc._id} is quarantined and named by ${entries} audit entries (exactly one expected)`);
      }
    }
    for (const till of tills) out.push(...(await replicaDiff(till, 'store', atCentral)));
  }
  const catalog = await nano.use('catalog').list({ include_docs: true, conflicts: true });
  const catalogAtCentral = new Map(catalog.rows.map((r) => [r.id, r.doc as unknown as Stored]));
  for (const doc of catalogAtCentral.values()) if (doc._conflicts?.length) out.push(`catalog: ${doc._id} still has conflicts`);
  for (const till of rig.tills) if (till.running) out.push(...(await replicaDiff(till, 'catalog', catalogAtCentral)));
  const verify = await fetch(`${rig.demo.central.url}/api/audit/verify`, { headers: rig.admin });
  const report = (await verify.json()) as { ok?: boolean; broken?: unknown };
  if (verify.status !== 200 || report.ok !== true) out.push(`audit chain: ${verify.status} ${JSON.stringify(report.broken ?? report)}`);
  return out;
}

/** Same documents at the same winning revisions at the till as at central (design docs included). */
async function replicaDiff(till: ChaosTill, which: 'store' | 'catalog', atCentral: Map<string, Stored>): Promise<string[]> {
  if (!till.running) return [];
  const local = await till.local[which].allDocs();
  return diffReplica(till.device, which, new Map(local.rows.map((r) => [r.id, r.value.rev])), atCentral);
}

/** Waits (bounded) until every invariant holds; throws the ones still broken, with `context` (the seed). */
export async function settleInvariants(rig: ChainRig, options: InvariantOptions & { timeoutMs?: number; context?: string } = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let last: string[] = [];
  for (let i = 0; i < 1_000 && Date.now() < deadline; i++) {
    last = await violations(rig, options);
    if (last.length === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  const shown = last.slice(0, 25).map((v) => `  - ${v}`).join('\n');
  throw new Error(`invariants broken${options.context ? ` (${options.context})` : ''}: ${last.length}\n${shown}`);
}

export type { Sale };
