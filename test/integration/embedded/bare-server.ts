// Child-process entry for tests: the embedded server's express-pouchdb (patched, same parts and
// config) WITHOUT the allowlist door, so that tests can pin that the patches themselves fix the
// crashes and the _users self-escalation, whatever the door lets through. Never used by central.
import http from 'node:http';
import path from 'node:path';
import { createCouchApp } from '../../../central/couch/couch-app.js';
import { prepareEmbeddedConfig } from '../../../central/couch/embedded-config.js';

interface Settings { dir: string; adminUser: string; adminPassword: string }

process.once('message', (settings: Settings) => {
  (async () => {
    await prepareEmbeddedConfig(path.join(settings.dir, 'config.json'), settings.adminUser, settings.adminPassword);
    const couch = createCouchApp(settings.dir);
    const server = http.createServer((req, res) => couch(req, res, () => res.writeHead(404).end()));
    server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as { port: number }).port }));
    process.on('disconnect', () => process.exit(0));
  })().catch((err: Error) => {
    process.send?.({ error: err.message });
    process.exit(1);
  });
});
