// The audit writer moves the chain head by compare-and-swap on the `_rev` its last move left,
// without reading it first; when another central moved it meanwhile, it reads it and still keeps
// the larger one, so the head never goes back and the trail verifies.
import { expect } from 'chai';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { testAudit, TEST_AUDIT_KEY } from '../../helpers/test-audit.js';
import { verifyAuditTrail } from '../../../central/audit/verify-trail.js';
import { advanceChainHead, readChainHead } from '../../../central/audit/chain-head.js';

describe('audit chain head moves (integration)', function () {
  this.timeout(120_000);
  let couch: TestCouch;

  before(async function () { couch = await startTestCouch(); });
  after(async function () { await couch?.stop(); });

  it('keeps the head at the last entry when two writers append in turns, each holding a head _rev the other made stale', async function () {
    const [a, b] = [testAudit(couch.nano), testAudit(couch.nano)];
    // a's second move holds the _rev of its first, which b's move made stale.
    await a.append({ actor: 'test', action: 'test.a', details: { i: 1 } });
    await b.append({ actor: 'test', action: 'test.b', details: { i: 2 } });
    await a.append({ actor: 'test', action: 'test.a', details: { i: 3 } });
    await a.settled();
    expect(await readChainHead(couch.nano, TEST_AUDIT_KEY)).to.include({ seq: 3, valid: true });
    await b.append({ actor: 'test', action: 'test.b', details: { i: 4 } });
    await b.settled();
    expect(await readChainHead(couch.nano, TEST_AUDIT_KEY)).to.include({ seq: 4, valid: true });
    expect(await verifyAuditTrail(couch.nano, TEST_AUDIT_KEY)).to.include({ ok: true, entries: 4 });
  });

  it('never moves the head back for a writer whose _rev another writer made stale', async function () {
    const now = await readChainHead(couch.nano, TEST_AUDIT_KEY);
    expect(await advanceChainHead(couch.nano, TEST_AUDIT_KEY, { seq: 1, hash: 'f'.repeat(64) }, '1-00000000000000000000000000000000')).to.equal(undefined);
    expect(await readChainHead(couch.nano, TEST_AUDIT_KEY)).to.deep.equal(now);
  });
});
