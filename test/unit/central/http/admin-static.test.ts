// /admin/'s static serving on a throwaway Express app: a missing build answers 503 saying what to
// run, a build is served with index.html for the console's other paths, /admin/console.json
// names Fauxton, and Fauxton's address never carries CouchDB's credentials.
import { expect } from 'chai';
import express from 'express';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { adminStatic, fauxtonUrlOf } from '../../../../central/http/admin-static.js';

async function serve(dist: string): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.use('/admin', adminStatic({ fauxtonUrl: 'http://127.0.0.1:5984/_utils/', dist }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r(undefined))) };
}

describe('admin console static serving', function () {
  let dist: string;
  beforeEach(async function () { dist = await mkdtemp(path.join(os.tmpdir(), 'admin-dist-')); });
  afterEach(async function () { await rm(dist, { recursive: true, force: true }); });

  it('answers 503 ADMIN_NOT_BUILT without a build, but still names Fauxton', async function () {
    const s = await serve(dist);
    try {
      const res = await fetch(`${s.url}/admin/`, { headers: { accept: 'application/json' } });
      expect(res.status).to.equal(503);
      expect(await res.json()).to.include({ code: 'ADMIN_NOT_BUILT' });
      expect(await (await fetch(`${s.url}/admin/console.json`)).json()).to.deep.equal({ fauxtonUrl: 'http://127.0.0.1:5984/_utils/' });
    } finally {
      await s.close();
    }
  });

  it('serves the build, with index.html (no-cache) for any other page path and 404 for a missing file', async function () {
    await writeFile(path.join(dist, 'index.html'), '<admin-app></admin-app>');
    const s = await serve(dist);
    try {
      const root = await fetch(`${s.url}/admin/`);
      expect(root.status).to.equal(200);
      expect(root.headers.get('cache-control')).to.equal('no-cache');
      expect(await (await fetch(`${s.url}/admin/conflicts/x`)).text()).to.equal('<admin-app></admin-app>');
      expect((await fetch(`${s.url}/admin/assets/missing.js`)).status).to.equal(404);
    } finally {
      await s.close();
    }
  });

  it("gives Fauxton's address without CouchDB's credentials", function () {
    expect(fauxtonUrlOf('http://admin:secret@127.0.0.1:5984')).to.equal('http://127.0.0.1:5984/_utils/');
    expect(fauxtonUrlOf('https://couch.example.mx/db/')).to.equal('https://couch.example.mx/db/_utils/');
  });
});
