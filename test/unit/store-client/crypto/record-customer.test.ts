import { expect } from 'chai';
import { buildDesignDocs } from '../../../../design-docs/index.js';
import {
  createClock, createNodePouch, decryptCustomer, findCustomerByPhone, generateCustomerKeyMaterial, importCustomerKeys,
  saveCustomer, type Clock, type CustomerKeys,
} from '../../../../store-client/index.js';
import { isProntoError, isValid, type Customer } from '../../../../validators/index.js';

const PouchDB = createNodePouch();
let n = 0;
const by = { updatedBy: 's1.pos1' };

describe('store-client/crypto/record-customer', () => {
  let db: PouchDB.Database;
  let clock: Clock;
  let keys: CustomerKeys;
  before(async () => {
    keys = await importCustomerKeys(generateCustomerKeyMaterial());
  });
  beforeEach(async () => {
    db = new PouchDB(`record-customer-${n++}`, { adapter: 'memory' });
    const { _id, views } = buildDesignDocs().customers;
    await db.put({ _id, views });
    clock = await createClock(db, 's1.pos1');
  });
  afterEach(() => db.destroy());

  it('registers a customer with only ciphertext for the phone, stamps and a blind index, valid in the schema', async () => {
    const saved = await saveCustomer(db, clock, keys, { name: 'Lucía', phone: '+52 (55) 1234-5678', email: 'lucia@example.mx', points: 0 }, by);
    const stored = (await db.get(saved._id)) as Customer;
    expect(stored._id).to.match(/^customer:[0-9a-f-]{36}$/);
    expect(stored.phone).to.match(/^v1\./);
    expect(stored.phone).to.not.match(/1234|5678/);
    expect(JSON.stringify(stored)).to.not.match(/1234|lucia@/);
    expect(isValid(stored, { db: 'customers' })).to.equal(null);
    expect(stored.createdAt).to.equal(stored.updatedAt);
    expect(stored.updatedBy).to.equal('s1.pos1');
    expect(stored.stamps).to.deep.equal({
      name: stored.updatedAt, phone: stored.updatedAt, email: stored.updatedAt, points: stored.updatedAt, blindIndex: stored.updatedAt,
    });
    expect(stored.blindIndex?.phone).to.be.a('string');
    expect((await decryptCustomer(stored, keys)).phone).to.equal('+52 (55) 1234-5678');
  });

  it('an update stamps only the fields it changes and carries the other stamps over', async () => {
    const first = await saveCustomer(db, clock, keys, { name: 'Lucía', phone: '55 1234 5678', email: 'lucia@example.mx' }, by);
    const second = await saveCustomer(db, clock, keys, { _id: first._id, name: 'Lucía', email: 'lu@example.mx', points: 10 }, { updatedBy: 'ana' });
    const stored = (await db.get(first._id)) as Customer;
    expect(stored._rev).to.equal(second._rev);
    expect(stored.updatedAt > first.updatedAt).to.equal(true);
    expect(stored.updatedBy).to.equal('ana');
    expect(stored.createdAt).to.equal(first.createdAt);
    expect(stored.phone, 'an unchanged field keeps its ciphertext').to.equal(first.phone);
    expect(stored.blindIndex).to.deep.equal(first.blindIndex);
    expect(stored.stamps).to.deep.equal({
      ...first.stamps, email: stored.updatedAt, points: stored.updatedAt,
    });
    expect((await decryptCustomer(stored, keys)).email).to.equal('lu@example.mx');
    expect(isValid(stored, { db: 'customers' })).to.equal(null);
  });

  it('removing a field drops it and stamps the removal; a new phone gets a new blind index', async () => {
    const first = await saveCustomer(db, clock, keys, { name: 'Lucía', phone: '55 1234 5678', email: 'lucia@example.mx' }, by);
    const saved = await saveCustomer(db, clock, keys, { _id: first._id, email: null, phone: '55 8765 4321' }, by);
    expect(saved).to.not.have.property('email');
    expect(saved.stamps?.email).to.equal(saved.updatedAt);
    expect(saved.stamps?.blindIndex).to.equal(saved.updatedAt);
    expect(saved.blindIndex?.phone).to.not.equal(first.blindIndex?.phone);
    expect(saved.stamps?.name).to.equal(first.updatedAt);
  });

  it('an edit that changes nothing writes nothing', async () => {
    const first = await saveCustomer(db, clock, keys, { name: 'Lucía', phone: '55 1234 5678' }, by);
    const again = await saveCustomer(db, clock, keys, { _id: first._id, name: 'Lucía', phone: '55 1234 5678' }, by);
    expect(again._rev).to.equal(first._rev);
  });

  it('encrypts a legacy plain-text phone the next time the customer is saved', async () => {
    const at = await clock.next();
    const id = 'customer:00000000-0000-4000-8000-000000000001';
    await db.put({ _id: id, type: 'customer', name: 'Pedro', phone: '55 1111 2222', updatedAt: at, updatedBy: 'central' });
    const saved = await saveCustomer(db, clock, keys, { _id: id, points: 5 }, by);
    expect(saved.phone).to.match(/^v1\./);
    expect(saved.stamps).to.include({ phone: saved.updatedAt, points: saved.updatedAt, blindIndex: saved.updatedAt });
    expect((await findCustomerByPhone(db, keys, '5511112222')).map((c) => c._id)).to.deep.equal([id]);
  });

  it('refuses an invalid customer before writing, and an unknown id', async () => {
    const before = (await db.info()).doc_count;
    const errs: unknown[] = [];
    await saveCustomer(db, clock, keys, { phone: '55 1234 5678' }, by).catch((e: unknown) => errs.push(e));
    await saveCustomer(db, clock, keys, { _id: 'customer:00000000-0000-4000-8000-000000000009', name: 'X' }, by).catch((e: unknown) => errs.push(e));
    expect(isProntoError(errs[0], 'VALIDATION_FAILED'), String(errs[0])).to.equal(true);
    expect((errs[0] as Error).message).to.equal('customer/name is required');
    expect(isProntoError(errs[1], 'NOT_FOUND'), String(errs[1])).to.equal(true);
    expect((await db.info()).doc_count).to.equal(before);
  });

  it('finds customers by phone however it is written, decrypted, through the by-business-key view', async () => {
    const lucia = await saveCustomer(db, clock, keys, { name: 'Lucía', phone: '+52 (55) 1234-5678' }, by);
    await saveCustomer(db, clock, keys, { name: 'Pedro', phone: '55 8765 4321' }, by);
    const found = await findCustomerByPhone(db, keys, '55 1234 5678');
    expect(found.map((c) => [c._id, c.name, c.phone])).to.deep.equal([[lucia._id, 'Lucía', '+52 (55) 1234-5678']]);
    expect(await findCustomerByPhone(db, keys, '55 0000 0000')).to.deep.equal([]);
    expect(await findCustomerByPhone(db, keys, 'not a phone')).to.deep.equal([]);
  });
});
