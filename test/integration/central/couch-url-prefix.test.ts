// COUCHDB_URL may carry a path prefix (a CouchDB behind a reverse proxy, or central's own `/db/`).
// nano reads a URL with a path as a database unless told not to (nano 11, `parseUrl`), which
// made `pronto-sync audit verify` fail with "nano.use is not a function". Here a second
// connection goes through the first central's `/db/` proxy, a real prefix on a real server.
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../central/config.js';
import { connectCouch, type CouchConnection } from '../../../central/couch/connect.js';
import { createLogger } from '../../../central/logger.js';
import { startCentral, type Central } from '../../../central/server.js';
import { testAdminPassword, testAdminUser, testCentralEnv } from '../../helpers/external-couch.js';

describe('COUCHDB_URL with a path prefix', function () {
  let dataDir: string;
  let otherDir: string;
  let central: Central;
  let prefixed: CouchConnection | undefined;

  before(async function () {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'pronto-prefix-'));
    otherDir = await mkdtemp(path.join(os.tmpdir(), 'pronto-prefix-other-'));
    central = await startCentral(loadConfig({ DATA_DIR: dataDir, PORT: '0', COUCH_PORT: '0', LOG_LEVEL: 'silent', ...(await testCentralEnv()) }), createLogger('silent'));
    const password = await testAdminPassword(dataDir);
    const url = new URL(`${central.url}/db`);
    url.username = encodeURIComponent(testAdminUser());
    url.password = encodeURIComponent(password);
    prefixed = await connectCouch(loadConfig({ DATA_DIR: otherDir, COUCHDB_URL: url.toString(), LOG_LEVEL: 'silent' }), createLogger('silent'));
  });

  after(async function () {
    await prefixed?.close();
    await central?.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(otherDir, { recursive: true, force: true });
  });

  it('keeps the prefix in the base URL and reaches the server behind it', function () {
    expect(prefixed!.url).to.equal(`${central.url}/db`);
    expect(prefixed!.info.version).to.be.a('string');
  });

  it('reads databases under the prefix, not at the host root', async function () {
    const info = await prefixed!.nano.use('catalog').info();
    expect(info.db_name).to.equal('catalog');
    expect((await prefixed!.nano.use('store-s1').info()).db_name).to.equal('store-s1');
    const settings = await prefixed!.nano.use<{ type: string }>('catalog').get('settings:pos');
    expect(settings.type).to.equal('settings');
  });
});
