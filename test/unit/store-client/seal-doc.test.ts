import { expect } from 'chai';
import { buildDesignDocs } from '../../../design-docs/index.js';
import {
  approvalSigner, createApproverKey, createClock, createNodePouch, deviceSigner, generateDeviceKey, recordMove, recordReturn,
  recordSale, recordVoid, verifyApproval, verifyDoc, type ApprovalSigner, type ApproverKey, type Clock, type DeviceKey,
} from '../../../store-client/index.js';
import { isProntoError, isValid } from '../../../validators/index.js';

const PouchDB = createNodePouch();
const SKU = 'TEN-001-25.5';
let n = 0;

describe('store-client/seal-doc: recordSale, recordReturn, recordVoid and recordMove with an approving manager', () => {
  let db: PouchDB.Database;
  let clock: Clock;
  let device: DeviceKey;
  let maria: ApproverKey;
  let approver: ApprovalSigner;
  let till: { store: string; device: string; cashier: string; signer: ReturnType<typeof deviceSigner> };

  before(async () => {
    device = await generateDeviceKey();
    maria = (await createApproverKey('maria', 'secreto', 1000)).key;
    approver = approvalSigner('maria', maria);
    till = { store: 's1', device: 's1.pos1', cashier: 'ana', signer: deviceSigner(device) };
  });
  beforeEach(async () => {
    db = new PouchDB(`seal-doc-${n++}`, { adapter: 'memory' });
    const { _id, views } = buildDesignDocs().store;
    await db.put({ _id, views });
    clock = await createClock(db, 's1.pos1');
  });
  afterEach(() => db.destroy());

  /** As read back from the database: the manager's approval and the device's signature both verify, and it is valid. */
  async function sealedTwice(id: string): Promise<void> {
    const stored = await db.get(id);
    expect(stored).to.include({ approvedBy: 'maria' });
    expect((stored as { approval?: { keyId: string } }).approval?.keyId).to.equal(maria.keyId);
    expect(await verifyApproval(stored, maria.publicJwk), `${id} approval`).to.equal(true);
    expect(await verifyDoc(stored, device.publicJwk), `${id} device signature`).to.equal(true);
    expect(isValid(stored, { db: 'store-s1' })).to.equal(null);
    expect(stored).to.not.have.property('approver');
  }

  const sell = (discount = 50_000) => recordSale(db, clock, till, {
    lines: [{ sku: SKU, qty: 1, unitPrice: 100_000, discount }], payments: [{ method: 'card', amount: 100_000 - discount }],
    approvedBy: 'maria', approver,
  });

  it('a sale with a discount a manager approved carries their approval, under the device signature', async () => {
    await sealedTwice((await sell())._id);
  });

  it('a return and a void a manager approved carry their approval, under the device signature', async () => {
    const a = await sell();
    const ret = await recordReturn(db, clock, till, a._id, { lines: [{ line: 0, qty: 1 }], refundMethod: 'card', reason: 'talla', approvedBy: 'maria', approver });
    await sealedTwice(ret._id);
    const b = await sell(0);
    await sealedTwice((await recordVoid(db, clock, till, b._id, { reason: 'error', approvedBy: 'maria', approver }))._id);
  });

  it('a stock adjustment a manager approved carries their approval', async () => {
    const m = await recordMove(db, clock, till, { kind: 'adjustment', reason: 'dañado', lines: [{ sku: SKU, qty: -1 }], approvedBy: 'maria', approver });
    await sealedTwice(m._id);
  });

  it('writes nothing when the document names another manager than the one who signs', async () => {
    try {
      await recordSale(db, clock, till, { lines: [{ sku: SKU, qty: 1, unitPrice: 100 }], payments: [{ method: 'cash', amount: 100 }], approvedBy: 'luis', approver });
      expect.fail('recorded');
    } catch (err) {
      expect(isProntoError(err, 'VALIDATION_FAILED')).to.equal(true);
    }
    const rows = (await db.allDocs({ startkey: 'sale:', endkey: 'sale;' })).rows;
    expect(rows).to.deep.equal([]);
  });

  it('without an approver, a sale is signed by the device only, as before', async () => {
    const s = await recordSale(db, clock, till, { lines: [{ sku: SKU, qty: 1, unitPrice: 100 }], payments: [{ method: 'cash', amount: 100 }] });
    const stored = await db.get(s._id);
    expect(stored).to.not.have.property('approval');
    expect(await verifyDoc(stored, device.publicJwk)).to.equal(true);
  });
});
