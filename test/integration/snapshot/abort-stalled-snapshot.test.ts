// A first start stopped (the till closed, a new connect superseded it) while central's snapshot
// stream has gone quiet must end at once with the abort's reason: the SyncManager's next connect
// joins a load still running (firstStartHook), so a load that never settles is a till that never
// syncs again. Real HTTP on loopback and Node's own fetch: a server that sends the head and one
// page, then holds the stream open without a byte more. (Whether Node's fetch alone would end the
// read depends on the garbage collector, see store-client/snapshot/snapshot-lines.ts; the unit
// test of snapshot-lines pins the reader's own abort on a stream that nothing else ends.)
import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodePouch, snapshotFetch, type Db } from '../../../store-client/index.js';
import { loadSnapshot, PROGRESS_ID } from '../../../store-client/snapshot/index.js';

const PouchDB = createNodePouch();
let n = 0;
const fresh = (what: string): Db => new PouchDB(`stall-${what}-${process.pid}-${n++}`, { adapter: 'memory' }) as unknown as Db;

describe('a first start aborted while the snapshot stream is stalled', function () {
  // A liveness bound, not a timing: a load that does not react to the abort never settles.
  this.timeout(20_000);
  let server: http.Server;
  let base: string;
  const open = new Set<http.ServerResponse>();

  before(async () => {
    server = http.createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
      res.write(`${JSON.stringify({ kind: 'head', db: 'catalog', since: 0, total: 3 })}\n`);
      res.write(`${JSON.stringify({ kind: 'page', seq: 1, docs: [{ _id: 'p1', _rev: '1-a', _revisions: { start: 1, ids: ['a'] }, name: 'Tenis' }] })}\n`);
      open.add(res);
      req.on('close', () => open.delete(res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const res of open) res.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('rejects with the abort reason and keeps the page it wrote for the resume', async () => {
    const local = fresh('local');
    const stop = new AbortController();
    const load = loadSnapshot({
      db: 'catalog', local, remote: fresh('remote'), fetch: snapshotFetch(base), signal: stop.signal,
      // Aborted once the first page is written, while the stream waits for its second.
      onProgress: (p) => { if (p.pulled >= 1) setTimeout(() => stop.abort(new Error('till closed')), 50); },
    });
    let failure: Error | undefined;
    await load.catch((err: Error) => { failure = err; });
    expect(failure?.message).to.equal('till closed');
    expect(((await local.get(PROGRESS_ID)) as { loaded: number; done: boolean })).to.include({ loaded: 1, done: false });
    expect((await local.get('p1'))._rev).to.equal('1-a');
  });
});
