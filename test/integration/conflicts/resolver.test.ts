// The resolver inside a real central (embedded server, demo chain): conflicts made the way
// replication makes them are settled by the configured policy, recorded, audited and announced.
import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../central/config.js';
import { createLogger } from '../../../central/logger.js';
import { startCentral, type Central } from '../../../central/server.js';
import { conflictsOf, makeConflict } from '../../helpers/conflicts.js';
import { waitFor } from '../../helpers/wait-for.js';
import { readSse } from '../../helpers/sse.js';
import { generateDeviceKey, signDoc } from '../../../store-client/crypto/index.js';
import { testCentralEnv } from '../../helpers/external-couch.js';

const at = (iso: string, node: string, counter = 0) => `${iso}-${counter.toString(16).padStart(4, '0')}-${node}`;

describe('resolver (integration)', function () {
  let dataDir: string;
  let central: Central;
  let admin: Record<string, string>;
  let manager: Record<string, string>;
  let nano: Central['state']['couch']['nano'];
  let customerIds: string[];

  before(async function () {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'pronto-resolver-'));
    central = await startCentral(loadConfig({ DATA_DIR: dataDir, PORT: '0', COUCH_PORT: '0', ...(await testCentralEnv()) }), createLogger(process.env.LOG_LEVEL ?? 'silent'));
    nano = central.state.couch.nano;
    const accounts = JSON.parse(await readFile(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as Array<{ name: string; password: string }>;
    const chainAdmin = accounts.find((a) => a.name === 'chain-admin')!;
    admin = { Authorization: 'Basic ' + Buffer.from(`${chainAdmin.name}:${chainAdmin.password}`).toString('base64'), 'Content-Type': 'application/json' };
    const managerS1 = accounts.find((a) => a.name === 'manager-s1')!;
    manager = { Authorization: 'Basic ' + Buffer.from(`${managerS1.name}:${managerS1.password}`).toString('base64'), 'Content-Type': 'application/json' };
    customerIds = (await nano.use('customers').list({ startkey: 'customer:', endkey: 'customer;' })).rows.map((r) => r.id);
  });
  after(async function () {
    await central?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const api = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${central.url}/api${url}`, { method, headers: admin, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  const settled = (db: string, id: string) => waitFor(async () => (await conflictsOf(nano, db, id)).length === 0, { what: `${id} to be settled` });

  it('keeps a phone changed at one store and points changed at another (field-merge on customers)', async function () {
    const id = customerIds[0]!;
    const base = (await nano.use('customers').get(id)) as Record<string, any>;
    const { _rev, ...body } = base;
    // Both edits come after the demo seed's stamps (which are "now" at seeding), or the seeded
    // phone would rightly win on its newer stamp.
    const later = (minutes: number, node: string) => at(new Date(Date.parse(body.updatedAt.slice(0, 24)) + minutes * 60_000).toISOString(), node);
    const phoneAt = later(120, 's1.pos1');
    const pointsAt = later(60, 's2.pos1');
    await makeConflict(nano, 'customers', id, [
      { ...body, phone: '5599990000', updatedAt: phoneAt, updatedBy: 'cashier-s1', stamps: { ...body.stamps, phone: phoneAt } },
      { ...body, points: 250, updatedAt: pointsAt, updatedBy: 'cashier-s2', stamps: { ...body.stamps, points: pointsAt } },
    ]);
    await settled('customers', id);
    const after = (await nano.use('customers').get(id)) as Record<string, any>;
    expect(after).to.include({ phone: '5599990000', points: 250, name: base.name });
  });

  it('lets central win a price edited at central and by another admin offline, and records it', async function () {
    const id = 'product:PS-M01-NEG-25';
    const { _rev, ...body } = (await nano.use('catalog').get(id)) as Record<string, any>;
    await makeConflict(nano, 'catalog', id, [
      { ...body, price: 150_000, updatedAt: at('2026-11-24T08:00:00.000Z', 'central'), stamps: { price: at('2026-11-24T08:00:00.000Z', 'central') } },
      { ...body, price: 99_900, updatedAt: at('2026-11-24T12:00:00.000Z', 'admin-laptop'), stamps: { price: at('2026-11-24T12:00:00.000Z', 'admin-laptop') } },
    ]);
    await settled('catalog', id);
    expect(await nano.use('catalog').get(id)).to.include({ price: 150_000 });
    const resolved = await api('GET', '/conflicts?status=resolved');
    const record = resolved.body.conflicts.find((c: any) => c.docId === id);
    expect(record).to.include({ status: 'resolved', strategy: 'field-merge', db: 'catalog' });
    expect(record.leaves).to.have.length(2);
    expect(record.result.price).to.equal(150_000);
  });

  it('queues a merge that breaks "price >= cost" for an admin, who resolves it by picking a revision', async function () {
    const id = 'product:PS-M02-NEG-25';
    const { _rev, ...body } = (await nano.use('catalog').get(id)) as Record<string, any>;
    const revs = await makeConflict(nano, 'catalog', id, [
      // Each writer stamps the field it changed and carries the other stamps over (as the console does).
      { ...body, price: 1_000, updatedAt: at('2026-11-24T08:00:00.000Z', 'central'), stamps: { price: at('2026-11-24T08:00:00.000Z', 'central'), cost: at('2026-11-24T07:00:00.000Z', 'central') } },
      { ...body, cost: 5_000, updatedAt: at('2026-11-24T09:00:00.000Z', 'central'), stamps: { price: at('2026-11-24T07:00:00.000Z', 'central'), cost: at('2026-11-24T09:00:00.000Z', 'central') } },
    ]);
    let queued: any;
    await waitFor(async () => {
      queued = (await api('GET', '/conflicts?status=pending')).body.conflicts.find((c: any) => c.docId === id);
      return queued !== undefined;
    }, { what: 'the conflict to be queued' });
    expect(queued.reason).to.match(/price must be >= cost/);
    expect(await conflictsOf(nano, 'catalog', id)).to.have.length(1);

    const one = await api('GET', `/conflicts/${encodeURIComponent(queued._id)}`);
    expect(one.body.current.map((l: any) => l.rev)).to.have.members(revs);
    const bad = await api('POST', `/conflicts/${encodeURIComponent(queued._id)}/resolve`, { rev: '9-nope' });
    expect(bad.status).to.equal(400);
    expect(bad.body.code).to.equal('BAD_REQUEST');
    const done = await api('POST', `/conflicts/${encodeURIComponent(queued._id)}/resolve`, { rev: revs[1] });
    expect(done.status).to.equal(200);
    expect(done.body.conflict).to.include({ status: 'resolved', resolvedBy: 'chain-admin', resolution: 'manual-pick' });
    expect(await conflictsOf(nano, 'catalog', id)).to.deep.equal([]);
    expect(await nano.use('catalog').get(id)).to.include({ cost: 5_000 });
    const again = await api('POST', `/conflicts/${encodeURIComponent(queued._id)}/resolve`, { rev: revs[1] });
    expect(again.status).to.equal(409);
  });

  it('refuses an invalid merged body from an admin, naming the field, and leaves the conflict queued', async function () {
    await api('PUT', '/config/conflict-policy', { policy: { default: 'lww', types: { store: { strategy: 'manual' } } } });
    const id = 'store:s3';
    const { _rev, ...body } = (await nano.use('catalog').get(id)) as Record<string, any>;
    await makeConflict(nano, 'catalog', id, [{ ...body, name: 'Pronto San Pedro Norte' }, { ...body, name: 'Pronto SP' }]);
    let queued: any;
    await waitFor(async () => {
      queued = (await api('GET', '/conflicts?status=pending')).body.conflicts.find((c: any) => c.docId === id);
      return queued !== undefined;
    }, { what: 'the manual conflict to be queued' });
    expect(queued.reason).to.match(/manual/);
    const bad = await api('POST', `/conflicts/${encodeURIComponent(queued._id)}/resolve`, { body: { ...body, timezone: 42 } });
    expect(bad.status).to.equal(400);
    expect(bad.body).to.include({ code: 'VALIDATION_FAILED', message: 'store/timezone must be string' });
    const ok = await api('POST', `/conflicts/${encodeURIComponent(queued._id)}/resolve`, { body: { ...body, name: 'Pronto San Pedro' } });
    expect(ok.status).to.equal(200);
    expect(await nano.use('catalog').get(id)).to.include({ name: 'Pronto San Pedro', updatedBy: 'chain-admin' });
    await api('PUT', '/config/conflict-policy', { policy: (await api('GET', '/config/conflict-policy')).body.policy });
  });

  it('keeps the old policy when a new one is invalid, and says what is wrong', async function () {
    const before = (await api('GET', '/config/conflict-policy')).body.policy;
    const bad = await api('PUT', '/config/conflict-policy', { policy: { default: 'coin-flip' } });
    expect(bad.status).to.equal(400);
    expect(bad.body.code).to.equal('VALIDATION_FAILED');
    expect(bad.body.message).to.match(/default/);
    expect((await api('GET', '/config/conflict-policy')).body.policy).to.deep.equal(before);
    const noAuth = await fetch(`${central.url}/api/config/conflict-policy`);
    expect(noAuth.status).to.equal(401);
  });

  it('merges two customers registered offline with the same phone into the older one', async function () {
    const mk = (id: string, created: string, extra: Record<string, unknown>) => ({
      _id: `customer:${id}`, type: 'customer', name: 'Rosa Díaz', phone: '+52 55 1111 2222', createdAt: created, updatedAt: created, updatedBy: 'x', ...extra,
    });
    const older = mk('11111111-1111-4111-8111-111111111111', at('2026-11-20T10:00:00.000Z', 's1.pos1'), { points: 10 });
    const newer = mk('22222222-2222-4222-8222-222222222222', at('2026-11-21T10:00:00.000Z', 's2.pos1'), { phone: '55-1111-2222', points: 40, email: 'rosa@example.mx' });
    await nano.use('customers').bulk({ docs: [older, newer] as never[] });
    await waitFor(async () => ((await nano.use("customers").get(newer._id)) as unknown as Record<string, unknown>).mergedInto === older._id, { what: 'the duplicate to be merged' });
    const survivor = (await nano.use("customers").get(older._id)) as unknown as Record<string, unknown>;
    expect(survivor).to.include({ points: 40, email: 'rosa@example.mx' });
    expect(survivor).not.to.have.property('mergedInto');
  });

  it('announces a detected and resolved conflict to an admin over server-sent events', async function () {
    const sse = await readSse(`${central.url}/api/events`, admin);
    try {
      const id = customerIds[1]!;
      const { _rev, ...body } = (await nano.use('customers').get(id)) as Record<string, any>;
      await makeConflict(nano, 'customers', id, [{ ...body, notes: 'A' }, { ...body, notes: 'B' }]);
      const resolved = await sse.next((e) => e.type === 'conflict.resolved' && e.data.docId === id);
      expect(resolved.data).to.include({ db: 'customers', docId: id });
      expect(sse.seen.some((e) => e.type === 'conflict.detected' && e.data.docId === id)).to.equal(true);
    } finally {
      sse.close();
    }
  });

  it("relays a till's signed status change to an admin over server-sent events, and not an unsigned one", async function () {
    const sse = await readSse(`${central.url}/api/events`, admin);
    try {
      const key = await generateDeviceKey();
      const enrolled = await fetch(`${central.url}/api/devices`, { method: 'POST', headers: manager, body: JSON.stringify({ store: 's1', device: 's1.pos1', publicJwk: key.publicJwk }) });
      expect(enrolled.status).to.equal(201);
      const status = (device: string) => ({ _id: `store-status:s1:${device}`, type: 'store-status', store: 's1', device, state: 'offline', pending: 3, updatedAt: at(new Date().toISOString(), device), updatedBy: 'device-s1' });
      // The unsigned one first: when the signed one is relayed, the unsigned one was handled.
      await nano.use('store-s1').insert(status('s1.pos2') as never);
      await nano.use('store-s1').insert((await signDoc(status('s1.pos1'), key)) as never);
      const event = await sse.next((e) => e.type === 'store.status' && e.data.device === 's1.pos1');
      expect(event.data).to.include({ store: 's1', state: 'offline', pending: 3 });
      expect(sse.seen.filter((e) => e.type === 'store.status' && e.data.device === 's1.pos2')).to.deep.equal([]);
      await waitFor(async () => (await api('GET', '/audit?limit=50')).body.entries.some((e: any) => e.action === 'store-status.unverified' && e.details.id === 'store-status:s1:s1.pos2'),
        { what: 'the unsigned status to be audited' });
      const stores = await api('GET', '/stores');
      expect(stores.body.stores.find((s: any) => s.store === 's1').tills[0]).to.include({ state: 'offline' });
    } finally {
      sse.close();
    }
  });

  it('writes an audit entry for every resolution', async function () {
    const res = await nano.use('audit').list({ startkey: 'audit:', endkey: 'audit;', include_docs: true });
    const actions = res.rows.map((r) => (r.doc as unknown as { action: string }).action);
    expect(actions).to.include.members(['conflict.resolved', 'conflict.queued', 'customer.merged', 'settings.changed']);
  });
});
