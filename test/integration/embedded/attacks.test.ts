// The attack table of issue 9 against a real embedded server (child process, LevelDB, the door in
// front): each attempt is refused the way CouchDB 3 would refuse it, and the server stays up.
import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { basic, json, rawRequest, startEmbeddedFixture, type EmbeddedFixture } from './embedded-fixture.js';

describe('embedded server: attacks (integration)', function () {
  this.timeout(120_000);
  let couch: EmbeddedFixture;
  const eve = { username: 'eve', password: 'eve-password-1' };

  before(async function () {
    couch = await startEmbeddedFixture();
    const created = await json(couch.url, 'PUT', '/_users/org.couchdb.user:eve', couch.admin, { _id: 'org.couchdb.user:eve', name: 'eve', type: 'user', roles: [], password: eve.password });
    expect(created.status).to.equal(201);
  });
  after(async function () {
    await couch?.stop();
  });

  /** The server answers and is still the same child: nothing crashed it. */
  async function expectStillUp(pid: number | undefined): Promise<void> {
    expect((await rawRequest(couch.url, 'GET', '/')).status).to.equal(200);
    expect(couch.embedded.pid()).to.equal(pid);
    expect(couch.embedded.restarts()).to.equal(0);
  }

  it('refuses an anonymous sign-up in _users', async function () {
    const res = await json(couch.url, 'PUT', '/_users/org.couchdb.user:mallory', null, { _id: 'org.couchdb.user:mallory', name: 'mallory', type: 'user', roles: [], password: 'pw' });
    expect(res).to.deep.equal({ status: 401, body: { error: 'unauthorized', reason: 'You are not authorized to access this db.' } });
  });

  it('refuses a user who adds "admin" or a store role to its own _users document, and its session keeps no role', async function () {
    const doc = (await json(couch.url, 'GET', '/_users/org.couchdb.user:eve', couch.admin)).body;
    for (const role of ['admin', 'store:s2']) {
      const res = await json(couch.url, 'PUT', '/_users/org.couchdb.user:eve', eve, { ...doc, roles: [role] });
      expect(res.status, role).to.equal(403);
      expect(res.body.error).to.equal('forbidden');
    }
    const session = await json(couch.url, 'GET', '/_session', eve);
    expect(session.body.userCtx).to.deep.equal({ name: 'eve', roles: [] });
  });

  it('answers anonymous reads of _all_dbs and of anything in _users with 401', async function () {
    for (const target of ['/_all_dbs', '/_users', '/_users/_all_docs', '/_users/org.couchdb.user:eve', '/_users/_changes']) {
      const res = await json(couch.url, 'GET', target, null);
      expect(res.status, target).to.equal(401);
      expect(res.body.error, target).to.equal('unauthorized');
    }
    expect((await json(couch.url, 'GET', '/_all_dbs', eve)).status, 'a named non-admin').to.equal(401);
    expect((await json(couch.url, 'GET', '/_users/_all_docs', eve)).status, 'a named non-admin in _users').to.equal(403);
  });

  it('survives PUT and DELETE of a database through /_node/<node>/, refused, on the same process', async function () {
    const pid = couch.embedded.pid();
    for (const [method, target] of [['PUT', '/_node/node1@127.0.0.1/store-x'], ['DELETE', '/_node/node1@127.0.0.1/_users'], ['PUT', '/store-x'], ['PUT', '/not-ours']] as const) {
      const res = await rawRequest(couch.url, method, target);
      expect(res.status, `${method} ${target}`).to.be.oneOf([401, 404]);
    }
    await expectStillUp(pid);
    expect((await json(couch.url, 'GET', '/_users', couch.admin)).status, '_users is still there').to.equal(200);
  });

  it('survives the dot-dot path into _config, refused with 400, on the same process', async function () {
    const pid = couch.embedded.pid();
    for (const target of ['/_users/x/../../_config', '/_users/x/%2e%2e/%2e%2e/_config', '/_users/x/y']) {
      const res = await rawRequest(couch.url, 'GET', target);
      expect(res.status, target).to.be.oneOf([400, 403]);
    }
    await expectStillUp(pid);
  });

  it('does not fetch the source of an anonymous POST /_replicate (no request forgery)', async function () {
    let hits = 0;
    const bait = http.createServer((_req, res) => { hits++; res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"db_name":"bait"}'); });
    await new Promise<void>((resolve) => bait.listen(0, '127.0.0.1', resolve));
    try {
      const source = `http://127.0.0.1:${(bait.address() as AddressInfo).port}/bait`;
      for (const who of [null, couch.admin]) {
        const res = await json(couch.url, 'POST', '/_replicate', who, { source, target: 'catalog', create_target: true });
        expect(res.status).to.equal(404);
      }
      // The refusal came back; any fetch would have been made before it. One more round trip to be sure.
      await rawRequest(couch.url, 'GET', '/');
      expect(hits).to.equal(0);
    } finally {
      bait.close();
    }
  });

  it('refuses attachments, by their endpoint and as a multipart document', async function () {
    expect((await json(couch.url, 'PUT', '/catalog', couch.admin)).status).to.equal(201);
    const put = await rawRequest(couch.url, 'PUT', '/catalog/store-status:s1:pos1/big.bin', { ...basic(couch.admin), 'Content-Type': 'application/octet-stream' }, 'x'.repeat(1024));
    expect(put.status).to.equal(403);
    const multipart = await rawRequest(couch.url, 'PUT', '/catalog/store-status:s1:pos1', { ...basic(couch.admin), 'Content-Type': 'multipart/related; boundary=x' }, '--x--');
    expect(multipart.status).to.equal(415);
    expect((await json(couch.url, 'GET', '/catalog/store-status:s1:pos1', couch.admin)).status, 'nothing was stored').to.equal(404);
  });

  it('refuses a document larger than CouchDB’s max_document_size', async function () {
    const res = await json(couch.url, 'PUT', '/catalog/big', couch.admin, { _id: 'big', blob: 'x'.repeat(8_100_000) });
    expect(res.status).to.equal(413);
  });
});
