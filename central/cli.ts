// The `pronto-sync` command: start | setup | status. Errors end with a line saying what to do.
import { loadConfig } from './config.js';
import { connectCouch } from './couch/connect.js';
import { createLogger } from './logger.js';
import { runSetup } from './setup/run-setup.js';
import { startCentral } from './server.js';
import { createCentralClock } from './central-clock.js';
import { createEventBus } from './events/event-bus.js';
import { createPolicyStore } from './conflicts/policy-store.js';
import { startFeed } from './feed/start-feed.js';
import { createAuditWriter } from './audit/append-audit.js';
import { secretFromFile } from './audit/secret-file.js';
import { verifyAuditTrail } from './audit/verify-trail.js';
import { isProntoError } from '../validators/errors.js';

const USAGE = `usage: pronto-sync <command>

  start    start central (embedded CouchDB unless COUCHDB_URL is set) and serve HTTP on PORT
  setup    create databases, design docs and _security; changes nothing when all is in place
  status   check central's health (GET /api/health); exits 1 when unhealthy
  resolve  run only the change-feed dispatcher (conflicts, signature and rule checks, duplicates, till status) against COUCHDB_URL (a second worker, or a dedicated process)
  audit verify  walk the audit hash chain and name the first broken link; exits 1 when broken
                (with the embedded server, run it while central is stopped)`;

async function main(argv: string[]): Promise<number> {
  const command = argv[0];
  if (command === undefined || command === 'help' || command === '--help') {
    process.stdout.write(USAGE + '\n');
    return command === undefined ? 2 : 0;
  }
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  // Everything this process writes (secrets in DATA_DIR, above all) is its owner's alone.
  process.umask(0o077);
  if (command === 'start') {
    const central = await startCentral(config, log);
    const shutdown = (signal: string) => {
      log.info({ signal }, 'shutting down');
      central.stop().then(() => process.exit(0), () => process.exit(1));
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
    return -1; // keep running
  }
  if (command === 'setup') {
    const couch = await connectCouch(config, log);
    try {
      const report = await runSetup(couch.nano);
      process.stdout.write(report.changes.length === 0
        ? `Setup: nothing to change (${report.stores.length} stores).\n`
        : report.changes.map((c) => `Setup: ${c}`).join('\n') + '\n');
    } finally {
      await couch.close();
    }
    return 0;
  }
  if (command === 'resolve') {
    if (config.couchdbUrl === undefined) {
      process.stderr.write('pronto-sync resolve needs COUCHDB_URL (the embedded server belongs to `pronto-sync start`)\n');
      return 2;
    }
    const couch = await connectCouch(config, log);
    const clock = createCentralClock();
    const audit = createAuditWriter(couch.nano, clock.next, await secretFromFile(config.dataDir, 'audit-key', config.auditKey));
    const feed = await startFeed({ nano: couch.nano, couchUrl: couch.url, auth: couch.auth, clock, bus: createEventBus(), log, policies: createPolicyStore(couch.nano), audit });
    const shutdown = () => feed.stop().then(() => couch.close()).then(() => process.exit(0), () => process.exit(1));
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
    return -1;
  }
  if (command === 'audit' && argv[1] === 'verify') {
    const couch = await connectCouch(config, log);
    try {
      const report = await verifyAuditTrail(couch.nano, await secretFromFile(config.dataDir, 'audit-key', config.auditKey));
      process.stdout.write(report.ok
        ? `Audit trail intact: ${report.entries} entries, head ${report.head}.\n`
        : `Audit trail BROKEN at entry ${report.broken.seq} (${report.broken.id}): ${report.broken.reason}. ${report.entries} entries read.\n`);
      return report.ok ? 0 : 1;
    } finally {
      await couch.close();
    }
  }
  if (command === 'status') {
    const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/api/health`;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      process.stdout.write(JSON.stringify(await res.json(), null, 2) + '\n');
      return res.ok ? 0 : 1;
    } catch (err) {
      process.stderr.write(`central is not answering at ${url}: ${(err as Error).message}\nIs it running? Start it with: npm start\n`);
      return 1;
    }
  }
  process.stderr.write(`unknown command "${command}"\n\n${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => { if (code >= 0) process.exit(code); },
  (err: unknown) => {
    const message = isProntoError(err) ? `${err.code}: ${err.message}` : (err as Error).stack ?? String(err);
    process.stderr.write(`pronto-sync: ${message}\n`);
    process.exit(1);
  },
);
