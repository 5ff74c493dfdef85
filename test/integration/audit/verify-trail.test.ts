// The stored audit trail verified page by page against central's record of its head: a chain
// longer than a page verifies; a tail removed by someone who can bypass validate_doc_update
// (a server admin replacing the design doc) is found, though every remaining link is intact.
import { expect } from 'chai';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { testAudit, TEST_AUDIT_KEY } from '../../helpers/test-audit.js';
import { verifyAuditTrail } from '../../../central/audit/verify-trail.js';
import { readChainHead } from '../../../central/audit/chain-head.js';

describe('audit trail verification (integration)', function () {
  this.timeout(120_000);
  let couch: TestCouch;

  before(async function () {
    couch = await startTestCouch();
    const audit = testAudit(couch.nano);
    for (let i = 1; i <= 7; i++) await audit.append({ actor: 'test', action: 'test.entry', details: { i } });
    await audit.settled();
  });
  after(async function () {
    await couch?.stop();
  });

  it('verifies a chain longer than a page, a page at a time, and keeps its head where only central writes', async function () {
    const report = await verifyAuditTrail(couch.nano, TEST_AUDIT_KEY, 3);
    expect(report).to.include({ ok: true, entries: 7 });
    expect(await readChainHead(couch.nano, TEST_AUDIT_KEY)).to.include({ seq: 7, valid: true });
    const security = (await couch.nano.request({ db: 'pronto-audit-head', path: '_security' })) as { members: { roles: string[] } };
    expect(security.members.roles).to.deep.equal(['_admin']);
  });

  it('finds a tail cut off, even with every remaining link intact', async function () {
    const audit = couch.nano.use('audit');
    // Bypass the append-only rule as a server admin could: a design doc without validate_doc_update.
    const ddoc = (await audit.get('_design/pronto')) as unknown as Record<string, unknown>;
    const { validate_doc_update: _vdu, ...rest } = ddoc;
    await audit.insert(rest as never);
    for (const id of ['audit:000000000007', 'audit:000000000006']) {
      const doc = await audit.get(id);
      await audit.destroy(id, doc._rev);
    }
    const report = await verifyAuditTrail(couch.nano, TEST_AUDIT_KEY, 3);
    expect(report.ok).to.equal(false);
    if (!report.ok) {
      expect(report.entries).to.equal(5);
      expect(report.broken.reason).to.match(/ends at entry 5 .* recorded entry 7/);
    }
  });
});
