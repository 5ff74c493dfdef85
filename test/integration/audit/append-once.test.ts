// The audit writer's appendOnce: an item whose idempotency key an entry of the chain already
// carries is not written again — not by a second writer (another central, or this one restarted
// with an empty cache), and not when several writers append the same items at once (each asks the
// trail again after losing the claim of a sequence number). The chain still verifies.
import { expect } from 'chai';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { testAudit, TEST_AUDIT_KEY } from '../../helpers/test-audit.js';
import { verifyAuditTrail } from '../../../central/audit/verify-trail.js';
import type { AuditWriter } from '../../../central/audit/append-audit.js';

describe('audit appendOnce (integration)', function () {
  this.timeout(120_000);
  let couch: TestCouch;

  before(async function () { couch = await startTestCouch(); });
  after(async function () { await couch?.stop(); });

  const once = (writer: AuditWriter, ids: string[]) => writer.appendOnce({
    items: ids, keyOf: (id) => `test:${id}`, entry: (items) => ({ actor: 'test', action: 'test.once', details: { ids: items } }),
  });
  const entriesNaming = async (id: string) => (await couch.nano.use('audit').list({ include_docs: true })).rows
    .filter((r) => (r.doc as { action?: string; details?: { ids?: string[] } } | undefined)?.details?.ids?.includes(id) && (r.doc as { action?: string }).action === 'test.once').length;

  it('writes only the items whose key no entry carries, and nothing when every key is there', async function () {
    const [a, b] = [testAudit(couch.nano), testAudit(couch.nano)];
    expect((await once(a, ['x1', 'x2']))?.items).to.deep.equal(['x1', 'x2']);
    const second = await once(b, ['x2', 'x3']);
    expect(second?.items, 'x2 was audited by a').to.deep.equal(['x3']);
    expect(second?.doc.details).to.deep.equal({ ids: ['x3'], idempotencyKeys: ['test:x3'] });
    expect(await once(a, ['x1', 'x3'])).to.equal(null);
    await Promise.all([a.settled(), b.settled()]);
    for (const id of ['x1', 'x2', 'x3']) expect(await entriesNaming(id), id).to.equal(1);
    expect(await verifyAuditTrail(couch.nano, TEST_AUDIT_KEY)).to.include({ ok: true });
  });

  it('writes each key once when six writers append the same items at once', async function () {
    const writers = Array.from({ length: 6 }, () => testAudit(couch.nano));
    await Promise.all(writers.map((w) => w.append({ actor: 'test', action: 'test.warm' }))); // every writer's head read and cached
    const results = await Promise.all(writers.flatMap((w) => [once(w, ['y1', 'y2']), once(w, ['y2', 'y3'])]));
    await Promise.all(writers.map((w) => w.settled()));
    for (const id of ['y1', 'y2', 'y3']) expect(await entriesNaming(id), id).to.equal(1);
    expect(results.flatMap((r) => r?.items ?? []).sort()).to.deep.equal(['y1', 'y2', 'y3']);
    expect(await verifyAuditTrail(couch.nano, TEST_AUDIT_KEY)).to.include({ ok: true });
  });
});
