import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { requireEmptyCouch, startTarget } from '../../../bench/lib/target.js';
import type { ProntoError } from '../../../validators/errors.js';
import { benchProducts } from '../../../bench/lib/shoe-catalog.js';
import { recordArrivals } from '../../../central/stats/record-arrivals.js';

const withCredentials = (couch: TestCouch): string => {
  const url = new URL(couch.url);
  url.username = couch.adminAuth.username;
  url.password = couch.adminAuth.password;
  return url.toString();
};

const basic = (a: { username: string; password: string }) => `Basic ${Buffer.from(`${a.username}:${a.password}`).toString('base64')}`;

describe('bench/lib/target', () => {
  it('starts an embedded server whose stores a device account can read, and stops it', async () => {
    const target = await startTarget(null); // the embedded server, even when the suite runs on COUCHDB_URL
    try {
      expect(target.kind).to.equal('embedded');
      const store = await target.createStore('s1');
      expect(store.id).to.equal('s1');
      expect((await fetch(store.storeDbUrl, { headers: { authorization: basic(store.account) } })).status).to.equal(200);
      const db = await target.createDatabase('views');
      expect(db).to.match(/^pronto-bench-views-b[0-9a-f]{6}$/);
      expect((await target.nano.db.get(db)).doc_count).to.equal(0);
    } finally {
      await target.stop();
    }
  });

  describe('on a CouchDB given by URL (here an embedded server, reached as COUCHDB_URL would be)', () => {
    let couch: TestCouch;
    before(async () => { couch = await startTestCouch(); });
    after(async () => { await couch.stop(); });

    it('sets up, names every store and database uniquely for the run, and removes them all when stopped', async () => {
      const url = new URL(couch.url);
      url.username = couch.adminAuth.username;
      url.password = couch.adminAuth.password;
      const target = await startTarget(url.toString());
      expect(target.kind).to.equal('couchdb');
      expect(target.url).to.equal(couch.url);
      const store = await target.createStore('s1');
      expect(store.id).to.match(/^s1-b[0-9a-f]{6}$/);
      expect(store.storeDbUrl).to.equal(`${couch.url}/store-${store.id}`);
      expect((await fetch(store.storeDbUrl, { headers: { authorization: basic(store.account) } })).status).to.equal(200);
      const db = await target.createDatabase('views');
      expect(db.endsWith(store.id.slice(3))).to.equal(true);
      // A second run on the same server meets nothing of the first.
      const other = await startTarget(url.toString());
      expect((await other.createStore('s1')).id).not.to.equal(store.id);
      await other.stop();

      await target.stop();
      const dbs = await couch.nano.db.list();
      expect(dbs.filter((d) => d.includes('-b'))).to.deep.equal([]);
      const gone = async (db: string, id: string) => couch.nano.use(db).get(id).then(() => false, (err: { statusCode?: number }) => err.statusCode === 404);
      expect(await gone('catalog', `store:${store.id}`)).to.equal(true);
      expect(await gone('_users', `org.couchdb.user:${store.account.username}`)).to.equal(true);
    });

    it('removes staff accounts, forgotten documents and what central wrote about the run\'s stores when stopped', async () => {
      const target = await startTarget(withCredentials(couch));
      const store = await target.createStore('s2');
      const manager = await target.addAccount(store.id, 'manager');
      expect(manager.username).to.equal(`manager-${store.id}`);
      const session = await fetch(`${couch.url}/_session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: manager.username, password: manager.password }) });
      expect(((await session.json()) as { roles: string[] }).roles).to.include.members(['manager', `store:${store.id}`]);
      const [product] = benchProducts(0, 68, '2026-12-03T00:00:00.000Z-0000-central', 'central').docs;
      await couch.nano.use('catalog').insert(product as never);
      target.forget('catalog', [product!._id]);
      // As central's statistics write them (central/stats/record-arrivals.ts: the id names the store's database).
      await recordArrivals(couch.nano, `store-${store.id}`, { hour: '2026-12-03T05', count: 1, lagged: 0, lagSumMs: 0 });
      await target.stop();
      const gone = async (db: string, id: string) => couch.nano.use(db).get(id).then(() => false, (err: { statusCode?: number }) => err.statusCode === 404);
      expect(await gone('catalog', product!._id)).to.equal(true);
      expect(await gone('pronto-stats', `arrivals:store-${store.id}:2026-12-03T05`)).to.equal(true);
      expect(await gone('_users', `org.couchdb.user:${manager.username}`)).to.equal(true);
    });

    it('lets a scenario that cannot clean up run only on a server with no store yet', async () => {
      await requireEmptyCouch(withCredentials(couch), 'the admin bench leaves records behind');
      const target = await startTarget(withCredentials(couch));
      try {
        await target.createStore('s4');
        const refused = await requireEmptyCouch(withCredentials(couch), 'the admin bench leaves records behind').then(() => undefined, (err: ProntoError) => err);
        expect(refused?.code).to.equal('CONFIG_INVALID');
        expect(refused?.message).to.match(/^the admin bench leaves records behind: it needs a CouchDB of its own/);
      } finally {
        await target.stop();
      }
    });

    it('works behind a path prefix (a proxy serving CouchDB at /couch)', async () => {
      const upstream = new URL(couch.url);
      const proxy = http.createServer((req, res) => {
        if (!req.url?.startsWith('/couch/') && req.url !== '/couch') { res.writeHead(404).end(); return; }
        const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url.slice('/couch'.length) || '/', headers: req.headers }, (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        });
        out.on('error', (err) => res.writeHead(502).end(err.message));
        req.pipe(out);
      });
      await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
      try {
        const { port } = proxy.address() as AddressInfo;
        const a = couch.adminAuth;
        const target = await startTarget(`http://${a.username}:${encodeURIComponent(a.password)}@127.0.0.1:${port}/couch`);
        expect(target.url).to.equal(`http://127.0.0.1:${port}/couch`);
        const store = await target.createStore('s3');
        expect((await fetch(store.storeDbUrl, { headers: { authorization: basic(store.account) } })).status).to.equal(200);
        const db = await target.createDatabase('prefix');
        expect((await couch.nano.db.get(db)).doc_count).to.equal(0);
        await target.stop();
        expect((await couch.nano.db.list()).filter((d) => d.includes('-b'))).to.deep.equal([]);
      } finally {
        await new Promise((r) => proxy.close(r));
      }
    });
  });
});
