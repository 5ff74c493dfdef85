import { expect } from 'chai';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { startTarget } from '../../../bench/lib/target.js';

const basic = (a: { username: string; password: string }) => `Basic ${Buffer.from(`${a.username}:${a.password}`).toString('base64')}`;

describe('bench/lib/target', () => {
  it('starts an embedded server whose stores a device account can read, and stops it', async () => {
    const target = await startTarget(undefined);
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
  });
});
