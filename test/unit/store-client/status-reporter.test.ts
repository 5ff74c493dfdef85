import { expect } from 'chai';
import {
  createClock, createNodePouch, deviceSigner, generateDeviceKey, initialStatus, reportStatus, verifyDoc, type Clock, type Db, type SyncStatus,
  type SyncStatusListener,
} from '../../../store-client/index.js';
import { isValid } from '../../../validators/index.js';
import type { StoreStatus } from '../../../validators/index.js';
import { waitFor } from '../../helpers/wait-for.js';

const PouchDB = createNodePouch();
const ID = 'store-status:s1:s1.pos1';
let n = 0;

/** Stands in for the SyncManager: a status and its listeners. */
function fakeManager(initial: Partial<SyncStatus> = {}) {
  let status: SyncStatus = { ...initialStatus, ...initial };
  const listeners = new Set<SyncStatusListener>();
  return {
    get status() {
      return status;
    },
    onStatus(listener: SyncStatusListener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(patch: Partial<SyncStatus>) {
      status = { ...status, ...patch };
      for (const l of listeners) l(status);
    },
  };
}

describe('store-client/status-reporter', () => {
  let db: PouchDB.Database;
  let clock: Clock;
  let stop: ((() => Promise<void>) & { refresh?: () => void }) | undefined;
  const opts = (extra: object = {}) => ({ store: 's1', device: 's1.pos1', clock, ...extra });
  const read = async () => (await db.get(ID)) as StoreStatus;
  const generation = async () => Number((await read())._rev!.split('-')[0]);

  beforeEach(async () => {
    db = new PouchDB(`status-reporter-${n++}`, { adapter: 'memory' });
    clock = await createClock(db, 's1.pos1');
  });
  afterEach(async () => {
    await stop?.();
    stop = undefined;
    await db.destroy();
  });

  it('writes the current status at once, stamped by the clock and by the device', async () => {
    stop = reportStatus(fakeManager({ pending: 2 }), db, opts({ minIntervalMs: 60_000 }));
    await waitFor(async () => (await db.get(ID).catch(() => null)) !== null, { what: 'the status document' });
    const doc = await read();
    expect(doc).to.include({ type: 'store-status', store: 's1', device: 's1.pos1', state: 'offline', pending: 2, updatedBy: 's1.pos1' });
    expect(doc.updatedAt).to.match(/-s1\.pos1$/);
  });

  it('signs every write with the device key when given a signer', async () => {
    const key = await generateDeviceKey();
    const manager = fakeManager();
    stop = reportStatus(manager, db, opts({ minIntervalMs: 60_000, signer: deviceSigner(key) }));
    await waitFor(async () => (await db.get(ID).catch(() => null)) !== null, { what: 'the first write' });
    manager.emit({ state: 'error', error: { code: 'SYNC_DENIED', message: 'no' } });
    await waitFor(async () => (await read()).state === 'error', { what: 'the second write' });
    const doc = await read();
    expect(doc.keyId).to.equal(key.keyId);
    expect(await verifyDoc(doc, key.publicJwk)).to.equal(true);
    expect(isValid(doc, { db: 'store-s1' })).to.equal(null);
  });

  it('writes every change of state at once, however short the interval since the last write', async () => {
    const manager = fakeManager();
    stop = reportStatus(manager, db, opts({ minIntervalMs: 60_000 }));
    await waitFor(async () => (await db.get(ID).catch(() => null)) !== null, { what: 'the first write' });
    for (const state of ['syncing', 'offline', 'denied'] as const) {
      manager.emit({ state, error: state === 'denied' ? { code: 'SYNC_DENIED', message: 'no' } : null });
      await waitFor(async () => (await read()).state === state, { what: state });
    }
    expect((await read()).message).to.equal('no');
  });

  it('coalesces other changes within the interval into one trailing write of the latest status', async () => {
    const manager = fakeManager({ state: 'online' });
    // The reporter's clock stands still, so the changes below are within the interval however
    // long this machine takes between them: with real time, a loaded CI machine once took more
    // than the interval and wrote the first change at once (generation 3). The stall below makes
    // that case certain; the trailing write still comes by the interval's real timer.
    stop = reportStatus(manager, db, opts({ minIntervalMs: 150, now: () => 0 }));
    await waitFor(async () => (await db.get(ID).catch(() => null)) !== null, { what: 'the first write' });
    await new Promise((r) => setTimeout(r, 200));
    for (const pending of [1, 2, 3]) manager.emit({ pending });
    manager.emit({ state: 'syncing' }); // a live flip is not urgent either
    await waitFor(async () => (await read()).pending === 3, { what: 'the trailing write' });
    expect(await generation()).to.equal(2);
    expect((await read()).state).to.equal('syncing');
  });

  it('skips a write that would not change what the document says', async () => {
    const manager = fakeManager({ state: 'online' });
    stop = reportStatus(manager, db, opts({ minIntervalMs: 20 }));
    await waitFor(async () => (await db.get(ID).catch(() => null)) !== null, { what: 'the first write' });
    manager.emit({ lastPush: new Date().toISOString() });
    manager.emit({ state: 'syncing' });
    manager.emit({ state: 'online', lastPull: new Date().toISOString() });
    await new Promise((r) => setTimeout(r, 100));
    await stop();
    expect(await generation()).to.equal(1);
  });

  it('lands the last status on stop() without waiting for the interval', async () => {
    const manager = fakeManager({ state: 'online' });
    stop = reportStatus(manager, db, opts({ minIntervalMs: 60_000 }));
    await waitFor(async () => (await db.get(ID).catch(() => null)) !== null, { what: 'the first write' });
    manager.emit({ pending: 7 });
    await stop();
    expect((await read()).pending).to.equal(7);
    manager.emit({ pending: 8 });
    await new Promise((r) => setTimeout(r, 50));
    expect((await read()).pending).to.equal(7);
  });

  it('retries once when another writer updated the document in between', async () => {
    let raced = false;
    // A database whose first put meets a revision written just before it (a second tab).
    const racing = new Proxy(db, {
      get(target, key, receiver) {
        if (key !== 'put') return Reflect.get(target, key, receiver);
        return async (doc: StoreStatus) => {
          if (!raced) {
            raced = true;
            await target.put({ ...doc, pending: 99 });
          }
          return target.put(doc);
        };
      },
    }) as Db;
    const errors: unknown[] = [];
    const manager = fakeManager({ state: 'online', pending: 1 });
    stop = reportStatus(manager, racing, opts({ onError: (e: unknown) => errors.push(e) }));
    await waitFor(async () => (await racing.get(ID).catch(() => null))?.pending === 1, { what: 'our write after the race' });
    expect(errors).to.deep.equal([]);
    expect(raced).to.equal(true);
  });

  it('rewrites the document every heartbeat even when nothing changed, with the time of the report', async function () {
    this.timeout(10_000);
    const manager = fakeManager({ state: 'online' });
    let now = Date.parse('2026-11-24T17:00:00.000Z');
    stop = reportStatus(manager, db, opts({ minIntervalMs: 20, heartbeatMs: 1000, reportClock: () => (now += 1000) }));
    await waitFor(async () => (await db.get(ID).catch(() => null)) !== null, { what: 'the first write' });
    const first = await read();
    expect(first).to.include({ intervalMs: 1000 });
    await waitFor(async () => (await generation()) >= 2, { what: 'a heartbeat', timeoutMs: 5000 });
    expect((await read()).reportedAt! > first.reportedAt!).to.equal(true);
  });

  it('reports the till\'s facts and refused documents, valid and signed, and writes when they change', async () => {
    const key = await generateDeviceKey();
    let facts = { appVersion: '0.1.0+abc', storage: { persisted: false, usage: 1234, quota: 99_999 }, clockOffsetMs: -21_600_123.4, clockSkewed: true };
    const refused = Array.from({ length: 30 }, (_, i) => ({ db: 'store' as const, id: `sale:s1:${i}`, rev: '1-abc', reason: 'forbidden '.repeat(100), at: '2026-11-24T17:00:00.000Z' }));
    const manager = fakeManager({ state: 'online', refused });
    stop = reportStatus(manager, db, opts({ minIntervalMs: 20, signer: deviceSigner(key), facts: () => facts }));
    await waitFor(async () => (await db.get(ID).catch(() => null)) !== null, { what: 'the first write' });
    const doc = await read();
    expect(doc).to.include({ appVersion: '0.1.0+abc', clockOffsetMs: -21_600_123, clockSkewed: true, refusedCount: 30 });
    expect(doc.storage).to.deep.equal({ persisted: false, usage: 1234, quota: 99_999 });
    expect(doc.refused).to.have.length(20);
    expect(doc.refused![0]!.reason.length).to.be.at.most(500);
    expect(isValid(doc, { db: 'store-s1' })).to.equal(null);
    expect(await verifyDoc(doc, key.publicJwk)).to.equal(true);
    facts = { ...facts, storage: { ...facts.storage, persisted: true } };
    stop.refresh!();
    await waitFor(async () => (await read()).storage?.persisted === true, { what: 'the changed fact' });
  });

  it('does not park a write when its clock went back hours since the last one (a device clock put right)', async () => {
    const manager = fakeManager({ state: 'online' });
    let clockMs = 6 * 3_600_000;
    stop = reportStatus(manager, db, opts({ minIntervalMs: 50, now: () => clockMs }));
    await waitFor(async () => (await db.get(ID).catch(() => null)) !== null, { what: 'the first write' });
    clockMs = 0;
    manager.emit({ pending: 5 });
    await waitFor(async () => (await read()).pending === 5, { what: 'the write after the clock went back', timeoutMs: 1500 });
  });
});
