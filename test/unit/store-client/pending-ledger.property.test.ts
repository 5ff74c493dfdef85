// The pending ledger against a simple model of a till and central, through random local
// writes, pulls (conflicting branches included), pushes (filtered, partial, failing after the
// write), refusals, deliveries of the local changes feed and restarts from a stale snapshot.
// The model knows the truth: a document is pending while one of its local leaves is neither at
// central nor refused (and the refusal reported); a refusal stands until central has a later
// generation of its document.
// Checked: the ledger never under-counts, never hides a standing refusal, counts a refusal once
// however often it is re-sent, and is exact once a full push has passed every local change.
import { expect } from 'chai';
import fc from 'fast-check';
import { PendingLedger, type LocalChange } from '../../../store-client/pending-ledger.js';
import { revGeneration, type Refusal } from '../../../store-client/refused-revisions.js';

const IDS = ['sale:a', 'sale:b', 'product:x', 'customer:y'];
const PRIORITY = (id: string) => id.startsWith('sale:');

type Op =
  | { t: 'write'; doc: number; leaf: number; bad: boolean }
  | { t: 'pull'; doc: number; branch: boolean }
  | { t: 'deliver'; n: number }
  | { t: 'push'; limit: number; filtered: boolean; fail: boolean }
  | { t: 'pushAll' }
  | { t: 'save' }
  | { t: 'restart' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('write' as const), doc: fc.nat(IDS.length - 1), leaf: fc.nat(3), bad: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('pull' as const), doc: fc.nat(IDS.length - 1), branch: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('deliver' as const), n: fc.nat(4) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('push' as const), limit: fc.integer({ min: 1, max: 3 }), filtered: fc.boolean(), fail: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ t: 'pushAll' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'save' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'restart' as const }) },
);

class World {
  leaves = new Map<string, string[]>();
  docSeq = new Map<string, number>();
  seq = 0;
  central = new Map<string, Set<string>>();
  bad = new Set<string>();
  /** Refusals reported to the till and still standing. */
  refused = new Map<string, Set<string>>();
  checkpoint = { main: 0, priority: 0 };
  queue: LocalChange[] = [];
  ledger = new PendingLedger();
  saved = this.ledger.snapshot();
  tag = 0;

  atCentral(id: string, rev: string) {
    return this.central.get(id)?.has(rev) === true;
  }

  toCentral(id: string, rev: string) {
    const revs = this.central.get(id) ?? new Set<string>();
    revs.add(rev);
    this.central.set(id, revs);
    this.settle(id);
  }

  /** A refusal leaves once its revision is no longer a local leaf and central has a later generation. */
  settle(id: string) {
    const refused = this.refused.get(id);
    const leaves = this.leaves.get(id) ?? [];
    const centralGen = Math.max(0, ...[...(this.central.get(id) ?? [])].map(revGeneration));
    for (const r of [...(refused ?? [])]) if (!leaves.includes(r) && centralGen > revGeneration(r)) refused!.delete(r);
    if (refused?.size === 0) this.refused.delete(id);
  }

  localChange(id: string, leaves: string[]) {
    this.leaves.set(id, leaves);
    this.docSeq.set(id, ++this.seq);
    this.queue.push({ id, seq: this.seq, revs: [...leaves] });
    this.settle(id);
  }

  write(id: string, leafIndex: number, bad: boolean) {
    const leaves = this.leaves.get(id) ?? [];
    const parent = leaves.length ? leaves[leafIndex % leaves.length] : undefined;
    const rev = `${parent ? revGeneration(parent) + 1 : 1}-l${this.tag++}`;
    if (bad) this.bad.add(`${id} ${rev}`);
    this.localChange(id, [...leaves.filter((l) => l !== parent), rev]);
  }

  pull(id: string, branch: boolean) {
    const known = [...(this.central.get(id) ?? [])];
    const parent = branch || known.length === 0 ? undefined : known.reduce((a, b) => (revGeneration(b) > revGeneration(a) ? b : a));
    const rev = `${parent ? revGeneration(parent) + 1 : 1 + (this.tag % 2)}-c${this.tag++}`;
    this.toCentral(id, rev);
    const leaves = this.leaves.get(id) ?? [];
    this.localChange(id, [...leaves.filter((l) => l !== parent), rev]);
    this.ledger.markPulled(id, rev);
  }

  deliver(n: number) {
    for (const change of this.queue.splice(0, n)) this.ledger.applyLocalChange(change);
  }

  /** One push batch as replicate.js runs it; returns whether anything was left to do. */
  push(limit: number, filtered: boolean, fail: boolean): boolean {
    const from = filtered ? this.checkpoint.priority : this.checkpoint.main;
    const batch = [...this.docSeq].filter(([id, s]) => s > from && (!filtered || PRIORITY(id))).sort((a, b) => a[1] - b[1]).slice(0, limit);
    if (batch.length === 0) return false;
    const written: [string, string][] = [];
    const denied: Refusal[] = [];
    for (const [id] of batch) {
      for (const rev of this.leaves.get(id) ?? []) {
        if (this.atCentral(id, rev)) continue;
        if (this.bad.has(`${id} ${rev}`)) denied.push({ id, rev, reason: 'forbidden', at: 'now' });
        else written.push([id, rev]);
      }
    }
    for (const [id, rev] of written) this.toCentral(id, rev);
    if (fail) return true; // the reset came after central wrote: no event at all
    for (const d of denied) {
      this.ledger.markRefused(d);
      const revs = this.refused.get(d.id) ?? new Set<string>();
      revs.add(d.rev);
      this.refused.set(d.id, revs);
      this.settle(d.id);
    }
    for (const [id, rev] of written) this.ledger.markPushed(id, rev);
    const last = batch.at(-1)![1];
    if (filtered) this.checkpoint.priority = last;
    else {
      this.checkpoint.main = last;
      this.ledger.confirmUpTo(last);
    }
    return true;
  }

  restart() {
    this.ledger = new PendingLedger(this.saved, this.ledger.refusedRevisions());
    this.queue = [];
    for (const [id, s] of this.docSeq) if (s > this.ledger.confirmedSeq) this.ledger.applyLocalChange({ id, seq: s, revs: this.leaves.get(id)! });
  }

  modelPending(): string[] {
    return [...this.leaves].filter(([id, leaves]) => leaves.some((rev) => !this.atCentral(id, rev) && !this.refused.get(id)?.has(rev))).map(([id]) => id).sort();
  }

  modelRefused(): string[] {
    return [...this.refused.keys()].sort();
  }
}

function run(ops: Op[]) {
  const w = new World();
  for (const op of ops) {
    switch (op.t) {
      case 'write': w.write(IDS[op.doc]!, op.leaf, op.bad); break;
      case 'pull': w.pull(IDS[op.doc]!, op.branch); break;
      case 'deliver': w.deliver(op.n); break;
      case 'push': w.deliver(Infinity); w.push(op.limit, op.filtered, op.fail); break;
      case 'pushAll': {
        w.deliver(Infinity);
        for (let i = 0; i < 100 && w.push(3, false, false); i++);
        // The one-shot push's `complete` carries the source's last seq.
        w.ledger.confirmUpTo(w.seq);
        const pending = w.ledger.pendingIds().sort();
        expect(pending, 'exact after a full push').to.deep.equal(w.modelPending());
        expect(w.ledger.refused().map((r) => r.id).sort(), 'refused exact after a full push').to.deep.equal(w.modelRefused());
        break;
      }
      case 'save': w.saved = w.ledger.snapshot(); break;
      case 'restart': w.restart(); break;
    }
    if (w.queue.length > 0) continue;
    const counted = new Set(w.ledger.pendingIds());
    for (const id of w.modelPending()) expect(counted.has(id), `${id} pending but not counted after ${op.t}`).to.equal(true);
    const listed = new Set(w.ledger.refused().map((r) => r.id));
    for (const id of w.modelRefused()) expect(listed.has(id), `${id} refused but not listed after ${op.t}`).to.equal(true);
    expect(w.ledger.refused().length).to.equal(listed.size); // one entry per document
  }
}

describe('store-client/pending-ledger (property: against a model)', () => {
  it('never under-counts, never hides a refusal, and is exact once a full push has passed', () => {
    fc.assert(fc.property(fc.array(opArb, { maxLength: 80 }), run), { numRuns: 1000 });
  });
});
