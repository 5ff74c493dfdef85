// Child-process entry of the embedded CouchDB-compatible server: express-pouchdb on LevelDB,
// on its own loopback port like a real CouchDB (Fauxton at /_utils/). It runs apart from
// central so that a crash in express-pouchdb cannot take central down; embedded.ts restarts it.
// Its settings arrive over IPC (never argv or env, so the password is not visible in `ps`).
import http from 'node:http';
import expressPouchdb from 'express-pouchdb';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createServerPouch } from './server-pouch.js';
import { guardDatabaseWrites } from './guard.js';
import { prepareEmbeddedConfig } from './embedded-config.js';
import { tightenModes } from './tighten-modes.js';

export interface EmbeddedSettings {
  dir: string;
  port: number;
  adminUser: string;
  adminPassword: string;
}

async function main(settings: EmbeddedSettings): Promise<void> {
  // Everything this process writes under DATA_DIR (LevelDB files, config.json, log.txt) is the
  // owner's alone; trees written by older versions are fixed first.
  process.umask(0o077);
  await mkdir(settings.dir, { recursive: true, mode: 0o700 });
  await tightenModes(settings.dir);
  await prepareEmbeddedConfig(path.join(settings.dir, 'config.json'), settings.adminUser, settings.adminPassword);
  const PouchDB = createServerPouch(settings.dir);
  const couch = expressPouchdb(PouchDB, {
    configPath: path.join(settings.dir, 'config.json'),
    logPath: path.join(settings.dir, 'log.txt'),
  });
  // express-pouchdb is an Express 4 app and must be the top-level handler: mounted inside an
  // Express 5 app, its rewrites of `req.query` (JSON-decoded startkey/endkey) are lost.
  let guard: ReturnType<typeof guardDatabaseWrites> | undefined;
  const server = http.createServer((req, res) => {
    if (guard === undefined) return void res.writeHead(503).end();
    guard(req, res, () => couch(req as never, res as never, () => res.writeHead(404).end()));
  });
  server.listen(settings.port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : settings.port;
  const base = `http://127.0.0.1:${port}`;
  guard = guardDatabaseWrites(base);
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
