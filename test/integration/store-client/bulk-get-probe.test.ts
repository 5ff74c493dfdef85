// patches/pouchdb-adapter-http: a `_bulk_get` lost at the network does not switch a remote to
// one `GET ?open_revs` per document. PouchDB (9.0.0) learns whether a server has `_bulk_get` from
// its first call to any database on it: any failure marked the server (with its path prefix,
// central's `/db/`) as lacking it, for as long as the page (or process) lives, a dropped
// connection included. A till whose first `_bulk_get` fell in a network cut then fetched every
// document of every later pull, of every database, one request at a time.
// Now only an answer that the server lacks the endpoint marks it (a 4xx other than 401, 403, 408,
// 409 and 429); any other failure fails that call, and the next one asks `_bulk_get` again.
// Against the embedded server, with the first `_bulk_get` failed in the till's fetch. Each case
// reaches it through a proxy of its own: PouchDB remembers the answer per server URL, for every
// database on it, so a case that marks a server must not mark the one the other tests use.
import { expect } from 'chai';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy.js';
import { createNodePouch } from '../../../store-client/index.js';

const PouchDB = createNodePouch();

describe('pouchdb-adapter-http patch: a failed _bulk_get probe (integration)', function () {
  this.timeout(60_000);
  let couch: TestCouch;
  before(async () => {
    couch = await startTestCouch();
  });
  const proxies: TcpProxy[] = [];
  after(async () => {
    await Promise.all(proxies.map((p) => p.close()));
    await couch?.stop();
  });

  /** A store database on a server URL of its own, whose first `_bulk_get` fails as `fail` says. */
  async function remote(fail: () => Promise<Response>) {
    const store = await couch.createStore(`bgp${process.pid % 1000}-${Math.random().toString(36).slice(2, 6)}`);
    const target = new URL(couch.url);
    const proxy = await startTcpProxy(Number(target.port), target.hostname);
    proxies.push(proxy);
    const sent: string[] = [];
    let bulkGets = 0;
    const fetch = async (url: string | Request, init: RequestInit = {}) => {
      const u = new URL(String(url));
      if (u.pathname.endsWith('/_bulk_get')) sent.push('_bulk_get');
      else if (u.searchParams.has('open_revs')) sent.push('open_revs');
      if (u.pathname.endsWith('/_bulk_get') && bulkGets++ === 0) return fail();
      return PouchDB.fetch(url as string, init as never);
    };
    const url = store.storeDbUrl.replace(target.origin, proxy.url);
    expect(url.startsWith(proxy.url), url).to.equal(true);
    return { db: new PouchDB(url, { auth: store.account, skip_setup: true, fetch } as never), sent };
  }

  async function pull(db: PouchDB.Database): Promise<string> {
    const local = new PouchDB(`bgp-local-${Math.random().toString(36).slice(2)}`, { adapter: 'memory' });
    try {
      const outcome = await Promise.resolve(local.replicate.from(db, { retry: false })).then(() => 'complete', (err: Error) => err.message);
      return `${outcome}, ${(await local.info()).doc_count} docs`;
    } finally {
      await local.destroy();
    }
  }

  it('fails the pull whose _bulk_get the network lost, and asks _bulk_get again on the next', async () => {
    const r = await remote(() => Promise.reject(new TypeError('network down')));
    expect(await pull(r.db)).to.match(/^network down/);
    expect(await pull(r.db)).to.match(/^complete, [1-9]/);
    expect(r.sent, 'requests for documents').to.deep.equal(['_bulk_get', '_bulk_get']);
  });

  it('a 503 is no answer about the endpoint either', async () => {
    const r = await remote(async () => new Response(JSON.stringify({ error: 'service_unavailable', reason: 'busy' }), { status: 503, headers: { 'Content-Type': 'application/json' } }));
    expect(await pull(r.db)).to.not.match(/^complete/);
    expect(await pull(r.db)).to.match(/^complete, [1-9]/);
    expect(r.sent, 'requests for documents').to.deep.equal(['_bulk_get', '_bulk_get']);
  });

  it('still falls back to one GET per document on a server that answers it has no _bulk_get', async () => {
    const r = await remote(async () => new Response(JSON.stringify({ error: 'not_found', reason: 'missing' }), { status: 404, headers: { 'Content-Type': 'application/json' } }));
    expect(await pull(r.db)).to.match(/^complete, [1-9]/);
    expect(await pull(r.db)).to.match(/^complete, [1-9]/);
    expect(r.sent[0]).to.equal('_bulk_get');
    expect(r.sent.slice(1).every((s) => s === 'open_revs'), r.sent.join(' ')).to.equal(true);
  });
});
