import { expect } from 'chai';
import { buildDesignDocs } from '../../../design-docs/index.js';
import {
  createClock, createNodePouch, deviceSigner, generateDeviceKey, recordMove, recordReturn, recordSale, recordVoid, stockOf,
  verifyDoc, voidId, type Clock,
} from '../../../store-client/index.js';
import { isProntoError, type ErrorCode, type Sale } from '../../../validators/index.js';

const PouchDB = createNodePouch();
const SKU = 'TEN-001-25.5';
const NOW = Date.parse('2026-11-24T18:00:00.000Z');
let n = 0;

async function refusal(p: Promise<unknown>): Promise<{ code: ErrorCode; message: string }> {
  try {
    await p;
  } catch (err) {
    if (isProntoError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('did not throw');
}

describe('store-client/record-return', () => {
  let db: PouchDB.Database;
  let clock: Clock;
  let sale: Sale;
  const till = { store: 's1', device: 's1.pos1', cashier: 'ana', now: () => NOW };
  const why = { reason: 'wrong size', approvedBy: 'maria' };

  beforeEach(async () => {
    db = new PouchDB(`record-return-${n++}`, { adapter: 'memory' });
    // Views only: PouchDB does not run validate_doc_update locally.
    const { _id, views } = buildDesignDocs().store;
    await db.put({ _id, views });
    clock = await createClock(db, 's1.pos1', () => NOW);
    await recordMove(db, clock, till, { kind: 'opening', lines: [{ sku: SKU, qty: 10 }] });
    sale = await recordSale(db, clock, till, {
      lines: [{ sku: SKU, qty: 3, unitPrice: 100000, discount: 10000 }], payments: [{ method: 'card', amount: 290000 }],
    });
  });
  afterEach(async () => db.destroy());

  it('records partial returns that put goods back in stock, each limited to what is left', async () => {
    expect(await stockOf(db, 's1', SKU)).to.equal(7);
    const first = await recordReturn(db, clock, till, sale._id, { ...why, lines: [{ line: 0, qty: 1 }], refundMethod: 'card' });
    expect(first._rev).to.be.a('string');
    expect(first).to.deep.include({ kind: 'return', total: 96667, refunds: [{ method: 'card', amount: 96667 }], businessDay: '2026-11-24' });
    const second = await recordReturn(db, clock, till, sale._id, { ...why, lines: [{ line: 0, qty: 2 }], refundMethod: 'cash' });
    expect(first.lines[0]!.discount + second.lines[0]!.discount).to.equal(10000);
    expect(first.total + second.total).to.equal(sale.total);
    expect(await stockOf(db, 's1', SKU)).to.equal(10);
    expect(await refusal(recordReturn(db, clock, till, sale._id, { ...why, lines: [{ line: 0, qty: 1 }], refundMethod: 'cash' })))
      .to.deep.equal({ code: 'VALIDATION_FAILED', message: 'return/lines/0/qty must not exceed 0, what is left of sale line 0' });
  });

  it('signs with the till\'s key when it has one', async () => {
    const key = await generateDeviceKey();
    const doc = await recordReturn(db, clock, { ...till, signer: deviceSigner(key) }, sale._id, { ...why, lines: [{ line: 0, qty: 1 }], refundMethod: 'cash' });
    expect(doc.keyId).to.equal(key.keyId);
    expect(await verifyDoc(await db.get(doc._id), key.publicJwk)).to.equal(true);
  });

  it('voids a sale once: stock comes back, and a second void is a CONFLICT', async () => {
    const doc = await recordVoid(db, clock, till, sale._id, why);
    expect(doc._id).to.equal(voidId(sale._id));
    expect(doc.refunds).to.deep.equal([{ method: 'card', amount: 290000 }]);
    expect(await stockOf(db, 's1', SKU)).to.equal(10);
    expect(await refusal(recordVoid(db, clock, till, sale._id, why))).to.deep.equal({ code: 'CONFLICT', message: `sale ${sale._id} is already voided` });
    expect(await refusal(recordReturn(db, clock, till, sale._id, { ...why, lines: [{ line: 0, qty: 1 }], refundMethod: 'cash' })))
      .to.deep.equal({ code: 'VALIDATION_FAILED', message: `sale ${sale._id} was voided; nothing is left to return` });
  });

  it('refuses a void whose id is already taken locally, even by one the view leaves out (409 → CONFLICT)', async () => {
    const other = await recordVoid(db, clock, { ...till, device: 's1.pos2' }, sale._id, why);
    // Central quarantined that void: the returns-by-sale view no longer lists it, the id stays taken.
    await db.put({ ...other, quarantined: { reason: 'unsigned', at: other.updatedAt } });
    expect(await refusal(recordVoid(db, clock, till, sale._id, why))).to.deep.equal({ code: 'CONFLICT', message: `sale ${sale._id} is already voided` });
  });

  it('refuses to void a sale of another day, and to give back a sale it does not have', async () => {
    const tomorrow = { ...till, now: () => NOW + 24 * 3_600_000 };
    expect(await refusal(recordVoid(db, clock, tomorrow, sale._id, why)))
      .to.deep.equal({ code: 'VALIDATION_FAILED', message: 'a void is only for a sale of today (2026-11-25); record a return instead' });
    const missing = sale._id.replace('s1.pos1', 's1.pos9');
    expect(await refusal(recordVoid(db, clock, till, missing, why))).to.deep.equal({ code: 'NOT_FOUND', message: `sale ${missing} not found` });
    expect(await refusal(recordReturn(db, clock, till, 'move:s1:x', { ...why, lines: [{ line: 0, qty: 1 }], refundMethod: 'cash' })))
      .to.deep.include({ code: 'NOT_FOUND' });
  });

  it('validates before writing: a document the contract refuses is not written', async () => {
    const before = (await db.info()).doc_count;
    expect(await refusal(recordReturn(db, clock, till, sale._id, { reason: '', approvedBy: 'maria', lines: [{ line: 0, qty: 1 }], refundMethod: 'cash' })))
      .to.deep.equal({ code: 'VALIDATION_FAILED', message: 'return/reason must NOT have fewer than 1 characters' });
    expect((await db.info()).doc_count).to.equal(before);
  });
});
