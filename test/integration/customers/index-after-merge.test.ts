// Two stores edit different fields of one customer offline (one the phone, the other the tax id),
// with the POS's own customer code (encrypted fields, blind index). After central settles the
// conflict, the customer is found by its new phone and by its tax id, and a third store that
// registers the same phone again is detected as a duplicate and merged into it.
import { expect } from 'chai';
import { pino } from 'pino';
import { createCentralClock } from '../../../central/central-clock.js';
import { createEventBus } from '../../../central/events/event-bus.js';
import { createPolicyStore } from '../../../central/conflicts/policy-store.js';
import { resolveDocuments } from '../../../central/conflicts/index.js';
import { mergeDuplicates } from '../../../central/duplicates/index.js';
import type { CentralDeps } from '../../../central/central-deps.js';
import { createClock, createNodePouch, type Db } from '../../../store-client/index.js';
import { blindIndex, findCustomerByPhone, generateCustomerKeyMaterial, importCustomerKeys, saveCustomer, type CustomerKeys } from '../../../store-client/crypto/index.js';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { testAudit } from '../../helpers/test-audit.js';
import { conflictsOf } from '../../helpers/conflicts.js';

const PouchDB = createNodePouch();

describe('customer blind index across a field-merge (integration)', function () {
  this.timeout(120_000);
  let couch: TestCouch;
  let keys: CustomerKeys;
  let deps: CentralDeps;
  let remote: Db;
  const locals: Db[] = [];

  before(async function () {
    couch = await startTestCouch();
    keys = await importCustomerKeys(generateCustomerKeyMaterial());
    const clock = createCentralClock();
    deps = { nano: couch.nano, clock, bus: createEventBus(), audit: testAudit(couch.nano), log: pino({ level: 'silent' }), policy: createPolicyStore(couch.nano).get };
    const url = new URL(couch.url);
    url.username = couch.adminAuth.username;
    url.password = couch.adminAuth.password;
    remote = new PouchDB(`${url.toString().replace(/\/$/, '')}/customers`, { skip_setup: true } as never) as Db;
  });
  after(async function () {
    for (const db of locals) await db.destroy();
    await couch?.stop();
  });

  async function till(name: string): Promise<{ db: Db; save: (input: Record<string, unknown>) => Promise<{ _id: string }> }> {
    const db = new PouchDB(`idx-${name}-${Date.now()}`, { adapter: 'memory' }) as Db;
    locals.push(db);
    const clock = await createClock(db, `${name}.pos1`);
    return { db, save: (input) => saveCustomer(db, clock, keys, input as never, { updatedBy: `device-${name}` }) as never };
  }
  const sync = (local: Db) => local.sync(remote) as unknown as Promise<unknown>;
  const byKey = async (kind: 'phone' | 'taxId', value: string) => {
    const key = [kind, await blindIndex(value, kind, keys)];
    return (await couch.nano.use('customers').view('pronto', 'by-business-key', { key } as never)).rows.map((r) => r.id);
  };

  it('finds the customer by the phone one store set and the tax id the other set, and still detects a duplicate', async function () {
    const s1 = await till('s1');
    const s2 = await till('s2');
    const created = await s1.save({ name: 'Ana López', phone: '55 1111 2222' });
    await sync(s1.db);
    await sync(s2.db);

    // Offline: s1 changes the phone, s2 (later, or same ms with the greater node id) adds a tax id;
    // each re-indexes what it knows, so an lww of the whole index would keep s2's old phone entry.
    await s1.save({ _id: created._id, phone: '55 3333 4444' });
    await s2.save({ _id: created._id, taxId: 'LOAA800101AB1' });
    await s1.db.replicate.to(remote);
    await s2.db.replicate.to(remote);
    expect(await conflictsOf(couch.nano, 'customers', created._id), 'the two edits conflict at central').to.have.length(1);

    expect(await resolveDocuments(deps, 'customers', [{ id: created._id }])).to.deep.equal(['resolved']);
    expect(await conflictsOf(couch.nano, 'customers', created._id)).to.deep.equal([]);
    expect(await byKey('phone', '5533334444'), 'look-up by the new phone at central').to.deep.equal([created._id]);
    expect(await byKey('taxId', 'LOAA800101AB1'), 'look-up by the tax id at central').to.deep.equal([created._id]);
    expect(await byKey('phone', '5511112222'), 'the old phone no longer finds it').to.deep.equal([]);

    await s2.db.replicate.from(remote);
    const found = await findCustomerByPhone(s2.db, keys, '55 3333 4444');
    expect(found.map((c) => [c._id, c.phone, c.taxId]), 'the POS finds it by phone').to.deep.equal([[created._id, '55 3333 4444', 'LOAA800101AB1']]);

    // A third store registers the same person again by that phone: central merges the two.
    const s3 = await till('s3');
    const again = await s3.save({ name: 'Ana L.', phone: '5533334444' });
    await s3.db.replicate.to(remote);
    expect(await mergeDuplicates(deps, [again._id]), 'duplicates merged').to.equal(1);
    const dup = (await couch.nano.use('customers').get(again._id)) as unknown as { mergedInto?: string };
    expect(dup.mergedInto).to.equal(created._id);
  });
});
