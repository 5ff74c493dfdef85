// The audit writer's claims kept in their own one-copy database, as on a CouchDB cluster
// (central/audit/audit-claims.ts): forced here on whichever server runs the suite, so the path a
// cluster takes is tested under `npm test` too. Writers claim there and copy each entry to
// `audit`; the chain in `audit` verifies, and an entry claimed by a writer that died before
// copying it reaches `audit` through the next writer. test/conformance/cluster.test.ts pins why a
// cluster needs this, on a real one.
import { expect } from 'chai';
import type Nano from 'nano';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { TEST_AUDIT_KEY } from '../../helpers/test-audit.js';
import { createAuditWriter, type ChainAuditWriter } from '../../../central/audit/append-audit.js';
import { CLAIMS_DB, REPAIR_WINDOW, lastEntry } from '../../../central/audit/audit-claims.js';
import { auditHash, auditId, auditMac } from '../../../central/audit/audit-hash.js';
import { verifyAuditTrail } from '../../../central/audit/verify-trail.js';
import { createCentralClock } from '../../../central/central-clock.js';

describe('audit claims in their own database, as on a cluster (integration)', function () {
  this.timeout(120_000);
  let couch: TestCouch;

  before(async function () { couch = await startTestCouch(); });
  after(async function () { await couch?.stop(); });

  const writer = (claims: string): ChainAuditWriter => createAuditWriter(couch.nano, createCentralClock().next, TEST_AUDIT_KEY, () => undefined, { claims });
  const entryIds = async (db: string) => (await couch.nano.use(db).list({ startkey: 'audit:', endkey: 'audit;' })).rows.map((r) => r.id);
  const hashes = async (db: string) => (await couch.nano.use<{ hash: string }>(db).list({ startkey: 'audit:', endkey: 'audit;', include_docs: true })).rows.map((r) => r.doc?.hash);

  it('makes the claims database with the audit design doc, and one copy of one shard on a cluster', async function () {
    const info = (await couch.nano.db.get(CLAIMS_DB)) as { cluster?: { n: number; q: number } };
    if (info.cluster) expect(info.cluster).to.include({ n: 1, q: 1 });
    const ddoc = await couch.nano.use(CLAIMS_DB).get('_design/pronto') as { views?: Record<string, unknown> };
    expect(ddoc.views).to.have.property('idempotency-keys');
  });

  it('fills empty claims from audit (an upgrade, or the claims made again) and goes on from audit\'s head', async function () {
    const before = writer('audit');
    for (let i = 0; i < 3; i++) await before.append({ actor: 'test', action: 'test.before' });
    await before.settled();
    expect(await entryIds(CLAIMS_DB)).to.deep.equal([]);
    const after = writer(CLAIMS_DB);
    const doc = await after.append({ actor: 'test', action: 'test.after' });
    await after.settled();
    expect(doc.seq).to.equal(4);
    expect(await hashes(CLAIMS_DB)).to.deep.equal(await hashes('audit'));
    expect(await verifyAuditTrail(couch.nano, TEST_AUDIT_KEY)).to.include({ ok: true, entries: 4 });
  });

  it('copies to audit the claims of a writer that died before copying them, when the next writer reads the head', async function () {
    const survivor = writer(CLAIMS_DB);
    await survivor.append({ actor: 'test', action: 'test.warm' }); // its head is cached: seq 5
    await claimWithoutCopy(couch.nano, 'test.died-1'); // 6
    await claimWithoutCopy(couch.nano, 'test.died-2'); // 7
    expect(await entryIds('audit')).to.have.length(5);
    const doc = await survivor.append({ actor: 'test', action: 'test.after-death' }); // loses 6, reads the head, copies 6 and 7
    await survivor.settled();
    expect(doc.seq).to.equal(8);
    expect(await hashes('audit')).to.deep.equal(await hashes(CLAIMS_DB));
    expect(await verifyAuditTrail(couch.nano, TEST_AUDIT_KEY)).to.include({ ok: true, entries: 8 });

    // 9..113, more than REPAIR_WINDOW: a new writer (a restart) copies every claim past audit's last entry.
    for (let i = 0; i < REPAIR_WINDOW + 5; i++) await claimWithoutCopy(couch.nano, 'test.died-again');
    const restarted = writer(CLAIMS_DB);
    expect((await restarted.append({ actor: 'test', action: 'test.restart' })).seq).to.equal(REPAIR_WINDOW + 14);
    await restarted.settled();
    expect(await hashes('audit')).to.deep.equal(await hashes(CLAIMS_DB));
    expect(await verifyAuditTrail(couch.nano, TEST_AUDIT_KEY)).to.include({ ok: true, entries: REPAIR_WINDOW + 14 });
  });

  it('keeps one chain and writes each key once when six writers claim the same items at once', async function () {
    const writers = Array.from({ length: 6 }, () => writer(CLAIMS_DB));
    await Promise.all(writers.map((w) => w.append({ actor: 'test', action: 'test.warm' })));
    const once = (w: ChainAuditWriter, ids: string[]) => w.appendOnce({
      items: ids, keyOf: (id) => `claims:${id}`, entry: (items) => ({ actor: 'test', action: 'test.once', details: { ids: items } }),
    });
    const results = await Promise.all(writers.flatMap((w) => [once(w, ['z1', 'z2']), once(w, ['z2', 'z3'])]));
    await Promise.all(writers.map((w) => w.settled()));
    expect(results.flatMap((r) => r?.items ?? []).sort()).to.deep.equal(['z1', 'z2', 'z3']);
    expect(await hashes('audit')).to.deep.equal(await hashes(CLAIMS_DB));
    expect(await verifyAuditTrail(couch.nano, TEST_AUDIT_KEY)).to.include({ ok: true });
  });
});

/** What a writer that died between its claim and its copy leaves: the next entry in the claims only. */
async function claimWithoutCopy(nano: Nano.ServerScope, action: string): Promise<void> {
  const head = (await lastEntry(nano, CLAIMS_DB))!;
  const seq = head.seq + 1;
  const at = `${new Date().toISOString()}-0000-central`;
  const entry: Record<string, unknown> = {
    _id: auditId(seq), type: 'audit', seq, at, actor: 'test', action, prevHash: head.hash, updatedAt: at, updatedBy: 'central',
  };
  entry.hash = auditHash(entry);
  entry.mac = auditMac(entry.hash as string, TEST_AUDIT_KEY);
  await nano.use(CLAIMS_DB).insert(entry);
}
