// Three tills (SyncManager, customers synced both ways) edit the same customer while cut off
// from central, then reconnect. After the resolver runs: no conflicts anywhere, every replica
// holds the same body, and that body is what the policy says (field-merge for customers:
// lww per field, points by max).
import { expect } from 'chai';
import { pino } from 'pino';
import { createCentralClock, type CentralClock } from '../../../central/central-clock.js';
import { createEventBus } from '../../../central/events/event-bus.js';
import { testAudit } from '../../helpers/test-audit.js';
import { createPolicyStore } from '../../../central/conflicts/policy-store.js';
import { startFeed, type Feed } from '../../../central/feed/start-feed.js';
import { createNodePouch, SyncManager, type Db } from '../../../store-client/index.js';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy.js';
import { conflictedCount } from '../../helpers/conflicts.js';
import { waitFor } from '../../helpers/wait-for.js';

const PouchDB = createNodePouch();
const ID = 'customer:bbbbbbbb-0000-4000-8000-000000000001';

interface Till { name: string; customers: Db; proxy: TcpProxy; manager: SyncManager; clock: CentralClock }

describe('stores editing one customer offline (integration)', function () {
  this.timeout(120_000);
  let couch: TestCouch;
  let resolver: Feed;
  const tills: Till[] = [];

  before(async function () {
    couch = await startTestCouch();
    const t0 = '2026-11-24T08:00:00.000Z-0000-central';
    await couch.nano.use('customers').insert({
      _id: ID, type: 'customer', name: 'Ana', phone: '5511112222', notes: '-', points: 10, updatedAt: t0, updatedBy: 'central',
      stamps: { name: t0, phone: t0, notes: t0, points: t0 },
    } as never);
    resolver = await startFeed({ nano: couch.nano, couchUrl: couch.url, auth: couch.adminAuth, clock: createCentralClock(), bus: createEventBus(),
      log: pino({ level: 'silent' }), policies: createPolicyStore(couch.nano), audit: testAudit(couch.nano), pollTimeoutMs: 1_000 });
    for (const name of ['s1', 's2', 's3']) {
      const store = await couch.createStore(name);
      const proxy = await startTcpProxy(Number(new URL(couch.url).port));
      const remote = (db: string) => new PouchDB(`${proxy.url}/${db}`, { auth: store.account, skip_setup: true } as never);
      const mem = (db: string) => new PouchDB(`offline-${name}-${db}-${Date.now()}`, { adapter: 'memory' });
      const local = { store: mem('store'), catalog: mem('catalog'), customers: mem('customers') };
      const manager = new SyncManager({ storeId: name, deviceId: `${name}.pos1`, local,
        remote: { store: remote(`store-${name}`), catalog: remote('catalog'), customers: remote('customers') }, backoff: { baseMs: 100, maxMs: 1_000 } });
      await manager.start();
      tills.push({ name, customers: local.customers, proxy, manager, clock: createCentralClock(`${name}.pos1`) });
    }
    await waitFor(async () => tills.every((t) => t.manager.status.state === 'online') &&
      (await Promise.all(tills.map((t) => t.customers.get(ID).then(() => true, () => false)))).every(Boolean), { timeoutMs: 30_000, what: 'tills online with the customer' });
  });
  after(async function () {
    for (const t of tills) { await t.manager.stop(); await t.proxy.close(); }
    await resolver?.stop();
    await couch?.stop();
  });

  async function edit(till: Till, changes: Record<string, unknown>, wall: string): Promise<void> {
    const doc = (await till.customers.get(ID)) as Record<string, any>;
    const stamp = `${wall}-0000-${till.name}.pos1`;
    const stamps = { ...doc.stamps, ...Object.fromEntries(Object.keys(changes).map((k) => [k, stamp])) };
    await till.customers.put({ ...doc, ...changes, stamps, updatedAt: stamp, updatedBy: `device-${till.name}` });
  }

  it('settles to the policy body on every replica once the stores reconnect', async function () {
    for (const t of tills) t.proxy.cut();
    const [s1, s2, s3] = tills as [Till, Till, Till];
    await edit(s1, { phone: '5599998888', name: 'Ana María' }, '2026-11-24T10:00:00.000Z');
    await edit(s2, { points: 50 }, '2026-11-24T10:05:00.000Z');
    await edit(s3, { points: 20, notes: 'Prefiere talla 24', name: 'Anita' }, '2026-11-24T09:00:00.000Z');
    await waitFor(() => tills.every((t) => t.manager.status.pending === 1), { what: 'each till to hold its edit as pending' });
    for (const t of tills) t.proxy.heal();

    try {
      await waitFor(async () => tills.every((t) => t.manager.status.pending === 0) && (await conflictedCount(couch.nano, 'customers')) === 0,
        { timeoutMs: 60_000, intervalMs: 100, what: 'uploads and resolution' });
    } catch (err) {
      console.log(tills.map((t) => ({ name: t.name, ...t.manager.status, ids: t.manager.pendingIds() })), await conflictedCount(couch.nano, 'customers'));
      throw err;
    }
    const central = (await couch.nano.use("customers").get(ID)) as unknown as Record<string, unknown>;
    expect(central).to.include({ name: 'Ana María', phone: '5599998888', points: 50, notes: 'Prefiere talla 24' });
    const body = ({ _rev, ...rest }: Record<string, unknown>) => rest;
    for (const t of tills) {
      await waitFor(async () => ((await t.customers.get(ID)) as Record<string, unknown>)._rev === central._rev, { timeoutMs: 30_000, what: `${t.name} to pull the resolution` });
      const local = (await t.customers.get(ID, { conflicts: true })) as Record<string, unknown>;
      expect(local._conflicts, t.name).to.equal(undefined);
      expect(body(local), t.name).to.deep.equal(body(central));
    }
  });
});
