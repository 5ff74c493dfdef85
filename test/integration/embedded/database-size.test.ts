// The embedded server answers a database's `disk_size` from a measurement kept for a bounded
// time (central/couch/database-size.ts) instead of walking the database's folder on every
// `GET /{db}`: the rest of the info is read afresh each time, the size follows writes once its
// time is up, and a database deleted and created again under the same name is measured afresh.
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { folderBytes } from '../../../central/couch/database-size.js';
import { json, startEmbeddedFixture, type EmbeddedFixture } from './embedded-fixture.js';

const rid = () => randomBytes(8).toString('hex');
const docs = (n: number) => Array.from({ length: n }, (_, i) => ({ _id: `d${i}`, body: randomBytes(512).toString('hex') }));
interface Info { doc_count: number; disk_size: number }

async function info(couch: EmbeddedFixture, db: string): Promise<Info> {
  const res = await json(couch.url, 'GET', `/${db}`, couch.admin);
  expect(res.status).to.equal(200);
  return res.body as Info;
}
async function create(couch: EmbeddedFixture, db: string): Promise<void> {
  expect((await json(couch.url, 'PUT', `/${db}`, couch.admin)).status).to.equal(201);
}
async function write(couch: EmbeddedFixture, db: string, n: number): Promise<void> {
  expect((await json(couch.url, 'POST', `/${db}/_bulk_docs`, couch.admin, { docs: docs(n) })).status).to.equal(201);
}

describe('database sizes on the embedded server (integration)', function () {
  this.timeout(120_000);

  describe('kept for ten minutes', function () {
    let couch: EmbeddedFixture;
    before(async function () { couch = await startEmbeddedFixture({ sizeTtlMs: 600_000 }); });
    after(async function () { await couch?.stop(); });

    it('answers the counts afresh and the size from its measurement', async function () {
      const db = `pronto-size-${rid()}`;
      await create(couch, db);
      const first = await info(couch, db);
      expect(first.doc_count).to.equal(0);
      expect(first.disk_size).to.be.a('number').and.above(0);
      await write(couch, db, 300);
      const second = await info(couch, db);
      expect(second.doc_count).to.equal(300);
      // Measured again it would be larger (300 documents of 1 KB); kept, it is the first one.
      expect(await folderBytes(path.join(couch.dir, db))).to.be.above(first.disk_size + 100_000);
      expect(second.disk_size).to.equal(first.disk_size);
    });

    it('measures a database deleted and created again under the same name afresh', async function () {
      const db = `pronto-size-${rid()}`;
      await create(couch, db);
      await write(couch, db, 300);
      const full = await info(couch, db);
      expect(full.disk_size).to.be.above(100_000);
      expect((await json(couch.url, 'DELETE', `/${db}`, couch.admin)).status).to.equal(200);
      expect((await json(couch.url, 'GET', `/${db}`, couch.admin)).status).to.equal(404);
      await create(couch, db);
      const fresh = await info(couch, db);
      expect(fresh.doc_count).to.equal(0);
      expect(fresh.disk_size).to.be.below(full.disk_size / 4);
    });
  });

  describe('kept for 200 ms', function () {
    let couch: EmbeddedFixture;
    before(async function () { couch = await startEmbeddedFixture({ sizeTtlMs: 200 }); });
    after(async function () { await couch?.stop(); });

    it('follows writes once the measurement is older than that', async function () {
      const db = `pronto-size-${rid()}`;
      await create(couch, db);
      const first = await info(couch, db);
      await write(couch, db, 300);
      let latest = first;
      for (let i = 0; i < 100 && latest.disk_size < first.disk_size + 100_000; i++) {
        await sleep(100);
        latest = await info(couch, db);
      }
      expect(latest.doc_count).to.equal(300);
      expect(latest.disk_size).to.be.above(first.disk_size + 100_000);
    });
  });
});
