// A live pull from a server asks for the source database's info (`GET /{db}`) when the
// replication starts, not after every batch (patches/pouchdb-replication: upstream read it after
// each batch only to refresh an active-task figure; every till's live catalog pull then sent one
// `GET /catalog` per catalog change). The till's own pulls (replication-phases, `task_info: false`)
// do not ask it even then: one request less before each pull's first `_changes`. Against the
// embedded server, requests counted at the fetch.
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createNodePouch } from '../../../store-client/index.js';
import { pullCatalogLive, pullCatalogOnce } from '../../../store-client/replication-phases.js';
import type { Db } from '../../../store-client/pouch-types.js';
import { json, startEmbeddedFixture, type EmbeddedFixture } from '../embedded/embedded-fixture.js';

const PouchDB = createNodePouch();

describe('live pull and the source database info (integration)', function () {
  this.timeout(120_000);
  let couch: EmbeddedFixture;
  before(async function () { couch = await startEmbeddedFixture(); });
  after(async function () { await couch?.stop(); });

  it('reads the info once per replication, not once per batch', async function () {
    const name = `pronto-pull-${randomBytes(6).toString('hex')}`;
    expect((await json(couch.url, 'PUT', `/${name}`, couch.admin)).status).to.equal(201);
    const infoReads: string[] = [];
    const fetch = async (url: string | Request, init: RequestInit = {}) => {
      if ((init.method ?? 'GET') === 'GET' && new URL(String(url)).pathname.replace(/\/$/, '') === `/${name}`) infoReads.push(String(url));
      return PouchDB.fetch(url as string, init as never);
    };
    const auth = { username: couch.admin.username, password: couch.admin.password };
    const remote = new PouchDB(`${couch.url}/${name}`, { auth, skip_setup: true, fetch } as never);
    const local = new PouchDB(`pull-${name}`, { adapter: 'memory' });
    const rep = local.replicate.from(remote, { live: true, retry: false });
    const batches: number[] = [];
    rep.on('change', (c) => batches.push(c.docs.length));
    try {
      for (let i = 0; i < 6; i++) {
        expect((await json(couch.url, 'PUT', `/${name}/d${i}`, couch.admin, { n: i })).status).to.equal(201);
        for (let w = 0; w < 300 && (await local.info()).doc_count < i + 1; w++) await sleep(50);
        expect((await local.info()).doc_count).to.equal(i + 1);
      }
      expect(batches.length).to.be.at.least(6);
      expect(infoReads.length).to.be.at.most(1);
    } finally {
      rep.cancel();
      await local.destroy();
    }
  });

  it("the till's pulls, one-shot and live, never read the source database's info", async function () {
    const name = `pronto-pull-${randomBytes(6).toString('hex')}`;
    expect((await json(couch.url, 'PUT', `/${name}`, couch.admin)).status).to.equal(201);
    for (let i = 0; i < 3; i++) expect((await json(couch.url, 'PUT', `/${name}/a${i}`, couch.admin, { n: i })).status).to.equal(201);
    const infoReads: string[] = [];
    const fetch = async (url: string | Request, init: RequestInit = {}) => {
      if ((init.method ?? 'GET') === 'GET' && new URL(String(url)).pathname.replace(/\/$/, '') === `/${name}`) infoReads.push(String(url));
      return PouchDB.fetch(url as string, init as never);
    };
    const auth = { username: couch.admin.username, password: couch.admin.password };
    const remote = new PouchDB(`${couch.url}/${name}`, { auth, skip_setup: true, fetch } as never) as unknown as Db;
    const local = new PouchDB(`pull-${name}`, { adapter: 'memory' }) as unknown as Db;
    try {
      await pullCatalogOnce(local, remote);
      expect((await local.info()).doc_count).to.equal(3);
      const live = pullCatalogLive(local, remote, 10_000);
      try {
        expect((await json(couch.url, 'PUT', `/${name}/b`, couch.admin, { n: 9 })).status).to.equal(201);
        for (let w = 0; w < 300 && (await local.info()).doc_count < 4; w++) await sleep(50);
        expect((await local.info()).doc_count).to.equal(4);
      } finally {
        live.cancel();
      }
      expect(infoReads).to.deep.equal([]);
    } finally {
      await local.destroy();
    }
  });
});
