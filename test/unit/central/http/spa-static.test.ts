// /pos/ and /admin/ static serving on a throwaway Express app: a missing build answers 503
// saying what to run, a build is served with index.html for the app's other paths, and
// Fauxton's address (GET /api/console) never carries CouchDB's credentials.
import { expect } from 'chai';
import express from 'express';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spaStatic, type SpaName } from '../../../../central/http/spa-static.js';
import { fauxtonUrlOf } from '../../../../central/http/console-route.js';

async function serve(dist: string, name: SpaName): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.use(`/${name}`, spaStatic(dist, name));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r(undefined))) };
}

describe('central/http/spa-static: the POS and the console as single-page apps', function () {
  let dist: string;
  beforeEach(async function () { dist = await mkdtemp(path.join(os.tmpdir(), 'spa-dist-')); });
  afterEach(async function () { await rm(dist, { recursive: true, force: true }); });

  for (const [name, code, build] of [['admin', 'ADMIN_NOT_BUILT', 'build:admin'], ['pos', 'POS_NOT_BUILT', 'build:pos']] as const) {
    it(`answers 503 ${code} without a build, naming npm run ${build}`, async function () {
      const s = await serve(dist, name);
      try {
        const res = await fetch(`${s.url}/${name}/`, { headers: { accept: 'application/json' } });
        expect(res.status).to.equal(503);
        const body = await res.json() as { code: string; message: string };
        expect(body.code).to.equal(code);
        expect(body.message).to.include(`npm run ${build}`);
      } finally {
        await s.close();
      }
    });
  }

  it('serves the build, with index.html (no-cache) for any other page path and 404 for a missing file', async function () {
    await writeFile(path.join(dist, 'index.html'), '<admin-app></admin-app>');
    const s = await serve(dist, 'admin');
    try {
      const root = await fetch(`${s.url}/admin/`);
      expect(root.status).to.equal(200);
      expect(root.headers.get('cache-control')).to.equal('no-cache');
      expect(await (await fetch(`${s.url}/admin/conflicts/x`)).text()).to.equal('<admin-app></admin-app>');
      expect((await fetch(`${s.url}/admin/assets/missing.js`)).status).to.equal(404);
      expect((await fetch(`${s.url}/admin/console.json`)).status, 'Fauxton is named by /api/console now, to admins only').to.equal(404);
    } finally {
      await s.close();
    }
  });

  it('keeps the service worker uncached, so a new POS build reaches the tills', async function () {
    await writeFile(path.join(dist, 'index.html'), '<pos-app></pos-app>');
    await writeFile(path.join(dist, 'sw.js'), '// sw');
    const s = await serve(dist, 'pos');
    try {
      expect((await fetch(`${s.url}/pos/sw.js`)).headers.get('cache-control')).to.equal('no-cache');
    } finally {
      await s.close();
    }
  });

  it("gives Fauxton's address without CouchDB's credentials", function () {
    expect(fauxtonUrlOf('http://admin:secret@127.0.0.1:5984')).to.equal('http://127.0.0.1:5984/_utils/');
    expect(fauxtonUrlOf('https://couch.example.mx/db/')).to.equal('https://couch.example.mx/db/_utils/');
  });
});
