// The commands that were there before commander: start, setup, resolve, audit verify. `start` and
// `resolve` keep running (they return 'running'); the others return their exit code.
import type { Logger } from 'pino';
import type { CentralConfig } from '../config.js';
import { connectCouch } from '../couch/connect.js';
import { runSetup } from '../setup/run-setup.js';
import { startCentral } from '../server.js';
import { createCentralClock } from '../central-clock.js';
import { createEventBus } from '../events/event-bus.js';
import { createPolicyStore } from '../conflicts/policy-store.js';
import { startFeed } from '../feed/start-feed.js';
import { createAuditWriter } from '../audit/append-audit.js';
import { secretFromFile } from '../audit/secret-file.js';
import { verifyAuditTrail } from '../audit/verify-trail.js';
import { commandCouch } from './command-couch.js';
import { checkAuditKeyAgainstChain, checkFingerprints, fingerprintsOf } from '../fingerprints/index.js';

export type Outcome = number | 'running';

export async function startCommand(config: CentralConfig, log: Logger): Promise<Outcome> {
  const central = await startCentral(config, log);
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    central.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  return 'running';
}

export async function setupCommand(config: CentralConfig, log: Logger, out: NodeJS.WritableStream): Promise<Outcome> {
  const couch = await commandCouch(config, log);
  try {
    const report = await runSetup(couch.nano);
    out.write(report.changes.length === 0
      ? `Setup: nothing to change (${report.stores.length} stores).\n`
      : report.changes.map((c) => `Setup: ${c}`).join('\n') + '\n');
  } finally {
    await couch.close();
  }
  return 0;
}

export async function resolveCommand(config: CentralConfig, log: Logger, err: NodeJS.WritableStream): Promise<Outcome> {
  if (config.couchdbUrl === undefined) {
    err.write('pronto-sync resolve needs COUCHDB_URL (the embedded server belongs to `pronto-sync start`)\n');
    return 2;
  }
  const couch = await connectCouch(config, log);
  const auditKey = await secretFromFile(config.dataDir, 'audit-key', config.auditKey);
  try {
    // The dispatcher writes audit entries: its key must be the one every central holds.
    await checkFingerprints(couch.nano, fingerprintsOf({ AUDIT_KEY: auditKey }), { beforeFirstPublish: () => checkAuditKeyAgainstChain(couch.nano, auditKey) });
  } catch (e) {
    await couch.close();
    throw e;
  }
  const clock = createCentralClock();
  const audit = createAuditWriter(couch.nano, clock.next, auditKey);
  const feed = await startFeed({ nano: couch.nano, couchUrl: couch.url, auth: couch.auth, clock, bus: createEventBus(), log, policies: createPolicyStore(couch.nano), audit, readConcurrency: config.feedReadConcurrency });
  const shutdown = () => feed.stop().then(() => couch.close()).then(() => process.exit(0), () => process.exit(1));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  return 'running';
}

export async function auditVerifyCommand(config: CentralConfig, log: Logger, out: NodeJS.WritableStream): Promise<Outcome> {
  const couch = await commandCouch(config, log);
  try {
    const report = await verifyAuditTrail(couch.nano, await secretFromFile(config.dataDir, 'audit-key', config.auditKey));
    out.write(report.ok
      ? `Audit trail intact: ${report.entries} entries, head ${report.head}.\n`
      : `Audit trail BROKEN at entry ${report.broken.seq} (${report.broken.id}): ${report.broken.reason}. ${report.entries} entries read.\n`);
    return report.ok ? 0 : 1;
  } finally {
    await couch.close();
  }
}
