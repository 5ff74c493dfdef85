// Child-process entry of the embedded CouchDB-compatible server: express-pouchdb on LevelDB,
// on its own loopback port like a real CouchDB (Fauxton at /_utils/), behind the allowlist
// (couch-door.ts). It runs apart from central so that a crash in express-pouchdb cannot take
// central down; embedded.ts restarts it. Its settings arrive over IPC (never argv or env, so the
// password is not visible in `ps`).
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createCouchApp } from './couch-app.js';
import { createCouchDoor, whoIsVia, type WhoIs } from './couch-door.js';
import { createDbUpdatesFeed } from './db-updates-feed.js';
import { SERVER_KEEP_ALIVE_MS } from './couch-pool.js';
import { prepareEmbeddedConfig } from './embedded-config.js';
import { tightenModes } from './tighten-modes.js';

export interface EmbeddedSettings {
  dir: string;
  port: number;
  adminUser: string;
  adminPassword: string;
  /** How long a database's measured `disk_size` is answered again (database-size.ts); tests shorten it. */
  sizeTtlMs?: number;
}

/**
 * PouchDB adds one listener to a database's change emitter per live `_changes` feed, and every
 * till keeps one on the catalog, so from the eleventh till on Node printed a "possible
 * EventEmitter memory leak" warning per database (seen with 100 simulated stores): not a leak,
 * and noise that would hide one. The bound follows the fleet (issue 13 plans 500 stores with
 * several tills each); a true leak still warns past it.
 */
const LISTENERS_PER_DATABASE = 5_000;

async function main(settings: EmbeddedSettings): Promise<void> {
  EventEmitter.defaultMaxListeners = LISTENERS_PER_DATABASE;
  // Everything this process writes under DATA_DIR (LevelDB files, config.json, log.txt) is the
  // owner's alone; trees written by older versions are fixed first.
  process.umask(0o077);
  await mkdir(settings.dir, { recursive: true, mode: 0o700 });
  await tightenModes(settings.dir);
  await prepareEmbeddedConfig(path.join(settings.dir, 'config.json'), settings.adminUser, settings.adminPassword);
  const couch = createCouchApp(settings.dir, settings.sizeTtlMs === undefined ? {} : { sizeTtlMs: settings.sizeTtlMs });
  // express-pouchdb is an Express 4 app and must be the top-level handler behind the door:
  // mounted inside an Express 5 app, its rewrites of `req.query` (JSON-decoded startkey/endkey) are lost.
  let whoIs: WhoIs | undefined;
  const door = createCouchDoor(
    (req, res) => couch(req, res, () => res.writeHead(404).end()),
    (req) => whoIs!(req),
    createDbUpdatesFeed(randomBytes(6).toString('hex')),
  );
  const server = http.createServer((req, res) => (whoIs === undefined ? void res.writeHead(503).end() : door(req, res)));
  // Kept-alive sockets outlive central's idle time, so central always closes them first (couch-pool.ts).
  server.keepAliveTimeout = SERVER_KEEP_ALIVE_MS;
  server.headersTimeout = SERVER_KEEP_ALIVE_MS + 1_000;
  server.listen(settings.port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : settings.port;
  whoIs = whoIsVia(`http://127.0.0.1:${port}`);
  process.send?.({ ready: true, port });
  // Keep-alive and long-poll connections would hold server.close() open; cut them so the LevelDB
  // lock is released at once (a restart, or a test opening the files, waits on it).
  const shutdown = (): void => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('disconnect', shutdown);
  process.on('SIGTERM', shutdown);
}

process.once('message', (settings: EmbeddedSettings) => {
  main(settings).catch((err: Error) => {
    process.send?.({ error: err.message });
    process.exit(1);
  });
});
