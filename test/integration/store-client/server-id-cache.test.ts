// store-client/server-id-cache: a remote's id (central's uuid + the database name, which names
// every replication's checkpoint) is read with one `GET /` and then remembered; an id read while
// `GET /` failed (PouchDB's fallback, the database URL) is not kept. Against the embedded server.
import { expect } from 'chai';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { createNodePouch } from '../../../store-client/index.js';
import { cacheServerId } from '../../../store-client/server-id-cache.js';
import type { Db } from '../../../store-client/pouch-types.js';

const PouchDB = createNodePouch();
const idOf = (db: Db) => (db as unknown as { id(): Promise<string> }).id();

describe('store-client/server-id-cache (integration)', function () {
  this.timeout(60_000);
  let couch: TestCouch;
  before(async () => {
    couch = await startTestCouch();
  });
  after(async () => {
    await couch?.stop();
  });

  async function remote(failRoot = 0) {
    const store = await couch.createStore(`sid${process.pid % 1000}-${Math.random().toString(36).slice(2, 6)}`);
    const roots: string[] = [];
    let failures = failRoot;
    const fetch = async (url: string | Request, init: RequestInit = {}) => {
      if (new URL(String(url)).pathname === '/') {
        roots.push(String(url));
        if (failures-- > 0) throw new TypeError('network down');
      }
      return PouchDB.fetch(url as string, init as never);
    };
    const db = new PouchDB(store.storeDbUrl, { auth: store.account, skip_setup: true, fetch } as never) as unknown as Db;
    return { db, roots, name: store.storeDbUrl.split('/').at(-1)! };
  }

  it("reads the server's uuid once, then answers the same id from memory, by promise or callback", async () => {
    const r = await remote();
    cacheServerId(r.db);
    const first = await idOf(r.db);
    expect(first).to.match(new RegExp(`^[0-9a-f-]+${r.name}$`));
    expect(await idOf(r.db)).to.equal(first);
    const viaCallback = await new Promise((resolve, reject) => {
      (r.db as unknown as { id(cb: (err: unknown, id?: string) => void): void }).id((err, id) => (err ? reject(err) : resolve(id)));
    });
    expect(viaCallback).to.equal(first);
    expect(r.roots).to.have.length(1);
  });

  it('shares one read between calls made while it is in flight', async () => {
    const r = await remote();
    cacheServerId(r.db);
    const ids = await Promise.all([idOf(r.db), idOf(r.db), idOf(r.db)]);
    expect(new Set(ids).size).to.equal(1);
    expect(r.roots).to.have.length(1);
  });

  it('keeps no id read while GET / failed: the next call asks again and gets the uuid', async () => {
    const r = await remote(1);
    cacheServerId(cacheServerId(r.db));
    const fallback = await idOf(r.db);
    expect(fallback).to.include('://');
    const real = await idOf(r.db);
    expect(real).to.not.include('://');
    expect(await idOf(r.db)).to.equal(real);
    expect(r.roots).to.have.length(2);
  });
});
