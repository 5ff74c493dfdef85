import { expect } from 'chai';
import {
  approvalBytes, approvalSigner, createApproverKey, deviceSigner, generateDeviceKey, signApproval, verifyApproval, verifyDoc,
  type ApproverKey, type DeviceKey,
} from '../../../../store-client/index.js';
import { signedBytes } from '../../../../store-client/crypto/sign-doc.js';
import { isProntoError } from '../../../../validators/index.js';
import { saleReturn, sale } from '../../validators/fixtures.js';

const approved = { ...sale, approvedBy: 'maria' };

describe('store-client/crypto/approval', () => {
  let maria: ApproverKey;
  let luis: ApproverKey;
  let device: DeviceKey;
  before(async () => {
    [maria, luis] = await Promise.all([
      createApproverKey('maria', 'secreto', 1000).then((k) => k.key),
      createApproverKey('luis', 'otro', 1000).then((k) => k.key),
    ]);
    device = await generateDeviceKey();
  });

  it('a manager-approved sale verifies with the manager\'s key, and the device\'s signature over it verifies too', async () => {
    const doc = await deviceSigner(device).sign(await approvalSigner('maria', maria).sign(approved));
    expect(doc.approval.keyId).to.equal(maria.keyId);
    expect(doc.approval.signature).to.match(/^[A-Za-z0-9_-]{86}$/);
    expect(await verifyApproval(doc, maria.publicJwk)).to.equal(true);
    expect(await verifyDoc(doc, device.publicJwk)).to.equal(true);
  });

  it('an approved return verifies', async () => {
    expect(await verifyApproval(await signApproval(saleReturn, maria), maria.publicJwk)).to.equal(true);
  });

  it('the approval covers what the device signs but not the device signature, CouchDB fields, the quarantine flag or itself', async () => {
    const doc = await signApproval(approved, maria);
    const later = { ...doc, _rev: '2-b', keyId: device.keyId, signature: 'x', quarantined: { reason: 'r', at: sale.updatedAt } };
    expect(approvalBytes(later)).to.deep.equal(approvalBytes(approved));
    expect(approvalBytes(doc)).to.deep.equal(signedBytes(approved));
    expect(await verifyApproval(later, maria.publicJwk)).to.equal(true);
  });

  const alterations: [string, (d: typeof approved) => object][] = [
    ['approvedBy changed to another manager', (d) => ({ ...d, approvedBy: 'luis' })],
    ['approvedBy removed', ({ approvedBy: _a, ...d }) => d],
    ['a bigger discount', (d) => ({ ...d, lines: [{ ...d.lines[0]!, discount: 20_000 }, ...d.lines.slice(1)], total: d.total - 10_000 })],
    ['another store in the id', (d) => ({ ...d, _id: d._id.replace('sale:s1:', 'sale:s2:') })],
    ['an added customer', (d) => ({ ...d, customer: 'customer:00000000-0000-4000-8000-000000000000' })],
  ];
  for (const [what, alter] of alterations) {
    it(`an approval does not verify once the document has ${what}`, async () => {
      const doc = await signApproval(approved, maria);
      expect(await verifyApproval({ ...alter(doc), approval: doc.approval }, maria.publicJwk)).to.equal(false);
    });
  }

  it('an approval does not verify with another manager\'s key', async () => {
    expect(await verifyApproval(await signApproval(approved, maria), luis.publicJwk)).to.equal(false);
  });

  it('the device signature breaks when another approval is put in place of the one it signed', async () => {
    const doc = await deviceSigner(device).sign(await signApproval(approved, maria));
    const swapped = { ...doc, approval: (await signApproval(approved, luis)).approval };
    expect(await verifyDoc(swapped, device.publicJwk)).to.equal(false);
  });

  it('a signer refuses a document that names another manager, or none, in approvedBy', async () => {
    for (const doc of [{ ...sale, approvedBy: 'luis' }, sale]) {
      try {
        await approvalSigner('maria', maria).sign(doc);
        expect.fail('signed');
      } catch (err) {
        expect(isProntoError(err, 'VALIDATION_FAILED')).to.equal(true);
        expect((err as Error).message).to.equal('approvedBy must be maria, the manager who approves it');
      }
    }
  });

  it('never throws on what is not an approval: none, a malformed signature, a malformed key, not an object', async () => {
    const doc = await signApproval(approved, maria);
    expect(await verifyApproval(approved, maria.publicJwk)).to.equal(false);
    expect(await verifyApproval({ ...doc, approval: { keyId: 'k', signature: 'not base64!' } }, maria.publicJwk)).to.equal(false);
    expect(await verifyApproval({ ...doc, approval: { keyId: 'k', signature: 'AAAA' } }, maria.publicJwk)).to.equal(false);
    expect(await verifyApproval(doc, { kty: 'EC', crv: 'P-256', x: 'bad', y: 'bad' })).to.equal(false);
    expect(await verifyApproval(null, maria.publicJwk)).to.equal(false);
    expect(await verifyApproval([doc], maria.publicJwk)).to.equal(false);
  });
});
