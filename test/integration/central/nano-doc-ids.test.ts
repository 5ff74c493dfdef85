// Central addresses documents through nano, with ids that often come from a request's path
// (a device, an approver, a conflict record). nano 11.0.7 left any id *containing* "_local"
// unencoded (its test was /^_design|_local/), and the WHATWG URL parser behind fetch then
// resolved its dot segments and dropped its tabs: `get('x_local/../_design/d')` read the design
// document, and `get('s1:‮_local/\t../')` read the database's info. patches/nano+11.0.7.patch
// encodes everything after a "_design/" or "_local/" prefix and refuses an id that has a "." or
// ".." segment, which no URL can address; attachment names the same way, part by part. Runs
// against COUCHDB_URL's CouchDB when it is set.
import { expect } from 'chai';
import Nano from 'nano';
import { conformanceServer, type ConformanceServer } from '../../conformance/server.js';

describe('nano addresses every document id as that document, never another path', function () {
  let server: ConformanceServer;
  let db: Nano.DocumentScope<Record<string, unknown>>;

  before(async function () {
    server = await conformanceServer();
    const name = await server.createDb('nano-ids');
    const url = new URL(server.url);
    url.username = server.admin.username;
    url.password = encodeURIComponent(server.admin.password);
    db = Nano({ url: url.toString() }).use(name);
    await db.insert({ _id: '_design/d', views: {} });
    await db.insert({ _id: 'plain', v: 1 });
  });
  after(async function () { await server?.cleanup(); });

  async function statusOf(work: Promise<unknown>): Promise<number | string> {
    try {
      await work;
      return 'ok';
    } catch (err) {
      return (err as { statusCode?: number }).statusCode ?? String(err);
    }
  }

  it('reads an id that contains "_local" with a traversal as a missing document, not the design document or the database', async function () {
    // The embedded server's door refuses an encoded slash (central/couch/couch-path.ts): 400 there.
    const slashed = server.vendor === 'couchdb' ? 404 : 400;
    const cases: Array<[string, number]> = [['x_local/../_design/d', slashed], ['s1:\u202e_local/\t../', slashed], ['x_local/../plain', slashed], ['x_design/../plain', slashed], ['a_local?x=1', 404], ['a_local#x', 404]];
    for (const [id, status] of cases) expect(await statusOf(db.get(id)), JSON.stringify(id)).to.equal(status);
  });

  it('writes, reads and deletes such an id as one document under exactly that id', async function () {
    const id = 'x_local?..#%2F\u202e';
    const written = await db.insert({ _id: id, v: 2 });
    expect(written.id).to.equal(id);
    expect((await db.get(id)).v).to.equal(2);
    expect((await db.get('plain')).v, 'the document the path would have reached is untouched').to.equal(1);
    await db.destroy(id, written.rev);
    expect(await statusOf(db.get(id))).to.equal(404);
  });

  it('keeps "_design/" and "_local/" ids working, with the rest of the id encoded', async function () {
    expect((await db.get('_design/d'))._id).to.equal('_design/d');
    await db.insert({ _id: '_local/a?b#c' });
    expect((await db.get('_local/a?b#c'))._id).to.equal('_local/a?b#c');
    expect(await statusOf(db.get('_design/d/../..')), 'a design id with dot segments').to.equal(server.vendor === 'couchdb' ? 404 : 400);
  });

  it('refuses an id whose segment is "." or "..", before any request, with a 400 naming the id', async function () {
    for (const id of ['..', '.', '_local/..', '_design/.']) {
      const err = await db.get(id).then(() => undefined, (e: unknown) => e as { statusCode?: number; error?: string; reason?: string });
      expect(err, id).to.include({ statusCode: 400, error: 'bad_request' });
      expect(err?.reason, id).to.equal(`the document id ${JSON.stringify(id)} cannot be addressed in a URL`);
    }
    expect(await statusOf(db.destroy('..', '1-x'))).to.equal(400);
    expect((await db.get('plain')).v).to.equal(1);
  });

  it('addresses an attachment name with "?", "#", "%" or "/" as that attachment, and refuses a "." or ".." part before any request', async function () {
    const first = await db.insert({ _id: 'with-files' });
    // Central's embedded server takes no attachments at all (its door refuses them); CouchDB stores them.
    if (server.vendor === 'couchdb') {
      let rev = first.rev;
      for (const name of ['a?b#c%d.txt', 'dir/file.txt']) {
        rev = (await db.attachment.insert('with-files', name, Buffer.from(name), 'text/plain', { rev })).rev;
        expect((await db.attachment.get('with-files', name)).toString(), name).to.equal(name);
      }
      expect(Object.keys((await db.get('with-files'))._attachments as object).sort()).to.deep.equal(['a?b#c%d.txt', 'dir/file.txt']);
    } else {
      expect(await statusOf(db.attachment.insert('with-files', 'a?b', Buffer.from('x'), 'text/plain', { rev: first.rev }))).to.equal(403);
    }
    for (const name of ['../plain', 'dir/..', '.']) {
      const err = await db.attachment.get('with-files', name).then(() => undefined, (e: unknown) => e as { statusCode?: number; reason?: string });
      expect(err, name).to.include({ statusCode: 400, reason: `the attachment name ${JSON.stringify(name)} cannot be addressed in a URL` });
    }
  });
});
