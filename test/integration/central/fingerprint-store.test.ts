import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import {
  checkAuditKeyAgainstChain, checkFingerprints, fingerprintsOf, FINGERPRINTS_DB, FINGERPRINTS_DOC, publishFingerprints, readFingerprints,
} from '../../../central/fingerprints/index.js';
import { securityFor } from '../../../central/setup/security.js';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { testAudit, TEST_AUDIT_KEY } from '../../helpers/test-audit.js';

const secrets = () => fingerprintsOf({
  CUSTOMER_DATA_KEY: randomBytes(32), CUSTOMER_INDEX_KEY: randomBytes(32), AUDIT_KEY: randomBytes(32), SESSION_SECRET: randomBytes(32),
});

describe('central/fingerprints/fingerprint-store (integration)', function () {
  let couch: TestCouch;
  beforeEach(async () => {
    couch = await startTestCouch();
    // Each case starts from no published fingerprints.
    await couch.nano.db.destroy(FINGERPRINTS_DB);
  });
  afterEach(async () => { await couch?.stop(); });

  it('lets two first starts with the same secrets race: one publishes, the other finds them the same', async () => {
    const mine = secrets();
    const outcomes = await Promise.all([checkFingerprints(couch.nano, mine), checkFingerprints(couch.nano, mine)]);
    expect(outcomes.sort()).to.deep.equal(['published', 'same']);
    expect(await readFingerprints(couch.nano)).to.deep.equal(mine);
  });

  it('lets two first starts with different secrets race: exactly one is refused, naming every secret', async () => {
    const [a, b] = [secrets(), secrets()];
    const results = await Promise.allSettled([checkFingerprints(couch.nano, a), checkFingerprints(couch.nano, b)]);
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as { code: string; details: { secrets: string[] } });
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    expect(refused.map((e) => e.code)).to.deep.equal(['SECRET_MISMATCH']);
    expect(refused[0]!.details.secrets).to.have.members(['CUSTOMER_DATA_KEY', 'CUSTOMER_INDEX_KEY', 'AUDIT_KEY', 'SESSION_SECRET']);
    expect([a, b]).to.deep.include(await readFingerprints(couch.nano));
  });

  it('creates its database with central-only _security before writing, even when setup has not run', async () => {
    await checkFingerprints(couch.nano, secrets());
    expect(await couch.nano.request({ db: FINGERPRINTS_DB, path: '_security' })).to.deep.equal(securityFor(FINGERPRINTS_DB));
  });

  it('adds the secrets a process holding fewer (pronto-sync resolve) left out, keeping the rest', async () => {
    const all = secrets();
    expect(await checkFingerprints(couch.nano, { AUDIT_KEY: all.AUDIT_KEY })).to.equal('published');
    expect(await checkFingerprints(couch.nano, all)).to.equal('added');
    expect(await readFingerprints(couch.nano)).to.deep.equal(all);
    expect(await checkFingerprints(couch.nano, { AUDIT_KEY: all.AUDIT_KEY })).to.equal('same');
  });

  it('refuses a first publish whose AUDIT_KEY the audit chain already stored does not verify under (an upgrade)', async () => {
    await testAudit(couch.nano).append({ actor: 'central', action: 'test.entry', details: {} });
    const other = randomBytes(32);
    const mine = fingerprintsOf({ AUDIT_KEY: other });
    const err = await checkFingerprints(couch.nano, mine, { beforeFirstPublish: () => checkAuditKeyAgainstChain(couch.nano, other) }).then(() => undefined, (e: unknown) => e as { code: string; message: string; details: { secrets: string[] } });
    expect(err?.code).to.equal('SECRET_MISMATCH');
    expect(err?.details.secrets).to.deep.equal(['AUDIT_KEY']);
    expect(err?.message).to.match(/^AUDIT_KEY differs from the key the audit chain already stored was written with/);
    expect(await readFingerprints(couch.nano), 'nothing published').to.equal(undefined);
    const right = fingerprintsOf({ AUDIT_KEY: TEST_AUDIT_KEY });
    expect(await checkFingerprints(couch.nano, right, { beforeFirstPublish: () => checkAuditKeyAgainstChain(couch.nano, TEST_AUDIT_KEY) })).to.equal('published');
  });

  it('replaces fingerprints only when asked to publish, answering what changed', async () => {
    const old = secrets();
    await checkFingerprints(couch.nano, old);
    const next = { ...old, SESSION_SECRET: secrets().SESSION_SECRET };
    expect(await publishFingerprints(couch.nano, next)).to.deep.equal(['SESSION_SECRET']);
    expect(await publishFingerprints(couch.nano, next)).to.deep.equal([]);
    expect(await readFingerprints(couch.nano)).to.deep.equal(next);
    const doc = await couch.nano.use(FINGERPRINTS_DB).get(FINGERPRINTS_DOC);
    expect(doc._rev).to.match(/^2-/);
  });
});
