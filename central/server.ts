// Central's composition root: connect to (or start) CouchDB, run setup (and seed the demo chain
// on a first embedded start), start the change-feed dispatcher (central/feed), then serve HTTP. `stop()` undoes it all, for SIGTERM and tests.
import type { Server } from 'node:http';
import type { CentralConfig } from './config.js';
import { connectCouch } from './couch/connect.js';
import { createApp } from './http/app.js';
import { createLogger, type Logger } from './logger.js';
import { runSetup } from './setup/run-setup.js';
import { listStores } from './setup/list-stores.js';
import { seedDemo } from './demo/seed-demo.js';
import type { CentralState } from './state.js';
import { createCentralClock, type AheadStamp } from './central-clock.js';
import { createAheadReport, createSkewSetting } from './clock/index.js';
import { createEventBus } from './events/event-bus.js';
import { createNoticeRelay, type NoticeRelay } from './events/notice-relay.js';
import { createAuditWriter } from './audit/append-audit.js';
import { secretFromFile } from './audit/secret-file.js';
import { createDeviceRegistry } from './devices/device-registry.js';
import { createApproverRegistry } from './approvers/index.js';
import { loadCentralKey } from './devices/central-key.js';
import { createPolicyStore } from './conflicts/policy-store.js';
import { startFeed, type Feed } from './feed/start-feed.js';
import { resolveSessionSecret } from './http/auth/index.js';
import { loadCustomerKeys } from './keys/index.js';
import { createWriteLedger } from './http/couch-proxy/write-ledger.js';
import { answerClientErrors } from './http/client-error.js';
import { countedAudit, createMetrics } from './metrics/index.js';
import { createFeedLagReader } from './feed/index.js';
import { checkAuditKeyAgainstChain, checkFingerprints, fingerprintsOf } from './fingerprints/index.js';
import { stopInSteps } from './stop-in-steps.js';
import { createProxyPools } from './couch/couch-pool.js';

/** Each part of central gets this long to stop (the feed's own grace period is 10 s). */
const STOP_STEP_BOUND_MS = 30_000;

export interface Central {
  /** Central's base URL, e.g. http://127.0.0.1:8080 */
  readonly url: string;
  readonly state: CentralState;
  readonly log: Logger;
  stop(): Promise<void>;
}

export async function startCentral(config: CentralConfig, log: Logger = createLogger(config.logLevel)): Promise<Central> {
  const couch = await connectCouch(config, log);
  let feed: Feed | undefined;
  let notices: NoticeRelay | undefined;
  try {
    // The clock reports stamps too far ahead through the audit trail, which the clock stamps: bound late.
    let reportAhead: ((ahead: AheadStamp) => void) | undefined;
    const clock = createCentralClock('central', Date.now, { maxAheadMs: createSkewSetting(couch.nano, log).maxAheadMs, onAhead: (a) => reportAhead?.(a) });
    // Notices this process publishes reach consoles on the other instances too (events/notice-relay.ts).
    notices = createNoticeRelay({ nano: couch.nano, bus: createEventBus(), log });
    const bus = notices.bus;
    const policies = createPolicyStore(couch.nano, clock);
    const auditKey = await secretFromFile(config.dataDir, 'audit-key', config.auditKey);
    const devices = createDeviceRegistry(couch.nano);
    const writeLedger = createWriteLedger();
    const approvers = createApproverRegistry(couch.nano);
    // Observability (central/metrics): the follower's lag is read from CouchDB, a few seconds' cache shared with /api/health.
    const feedLag = createFeedLagReader(couch.nano);
    const proxyPools = createProxyPools(couch.url);
    const metrics = createMetrics({ nano: couch.nano, bus: notices.ownBus, log, feedLag, following: () => feed?.databases(), proxyPools });
    const audit = countedAudit(createAuditWriter(couch.nano, clock.next, auditKey, (err) => log.warn({ err: err.message }, 'audit chain head not moved (it catches up with the next entry)')), metrics);
    reportAhead = createAheadReport({ audit, bus, log });
    const state: CentralState = {
      couch, setupDoneAt: null, stores: [], clock, bus, policies, auditKey,
      deps: { nano: couch.nano, clock, bus, log, audit, devices, approvers, policy: () => policies.get() },
      auth: await authSettings(config),
      customerKeys: await loadCustomerKeys(config.dataDir, { dataKey: config.customerDataKey, indexKey: config.customerIndexKey }),
      writeLedger, proxyPools, dbMaxBodyBytes: config.dbMaxBodyMb * 1024 * 1024, tillSilentAfterMs: config.tillSilentAfterS * 1000,
      metrics, metricsToken: config.metricsToken, feedLag,
    };
    // Before setup writes anything (an audit entry, the demo chain's customers) with these secrets.
    await checkSharedSecrets(state, log);
    await setupAndSeed(config, state, log);
    await notices.start();
    feed = await startFeed({ nano: couch.nano, couchUrl: couch.url, auth: couch.auth, clock, bus, log, policies, audit, devices, approvers, pushedBy: writeLedger.pushedBy, readConcurrency: config.feedReadConcurrency });
    state.feed = feed;
    const server = await listen(createApp(state, log), config.port, config.host);
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : config.port;
    const url = `http://${config.host}:${port}`;
    log.info({ url, db: `${url}/db/`, health: `${url}/api/health` }, 'central listening');
    return {
      url, state, log,
      async stop() {
        await stopInSteps([
          { name: 'HTTP server', run: () => closeServer(server) },
          { name: 'change feed', run: async () => feed?.stop() },
          { name: 'notice relay', run: async () => notices?.stop() },
          { name: 'CouchDB connection', run: () => couch.close() },
        ], STOP_STEP_BOUND_MS);
        log.info('central stopped');
      },
    };
  } catch (err) {
    await feed?.stop();
    await notices?.stop();
    await couch.close();
    throw err;
  }
}

async function setupAndSeed(config: CentralConfig, state: CentralState, log: Logger): Promise<void> {
  const audit = (action: string, details: Record<string, unknown>) => state.deps.audit.append({ actor: 'central', action, details });
  let report = await runSetup(state.couch.nano);
  for (const change of report.changes) log.info({ change }, 'setup');
  if (report.changes.length > 0) await audit('setup.changed', { changes: report.changes });
  if (config.demo && (await listStores(state.couch.nano)).length === 0) {
    const seeded = await seedDemo(state.couch.nano, config.dataDir, log, await loadCentralKey(config.dataDir), state.customerKeys.keys);
    log.info({ ...seeded, accountsFile: 'demo-accounts.json' }, 'demo chain seeded');
    await audit('demo.seeded', seeded);
    report = await runSetup(state.couch.nano);
    for (const change of report.changes) log.info({ change }, 'setup');
    if (report.changes.length > 0) await audit('setup.changed', { changes: report.changes });
  } else if (report.changes.length === 0) {
    log.info('setup: nothing to change');
  }
  state.stores = report.stores;
  state.setupDoneAt = new Date().toISOString();
}

/** Every central on one CouchDB must hold the same secrets: refuses to start (SECRET_MISMATCH) when one differs. */
async function checkSharedSecrets(state: CentralState, log: Logger): Promise<void> {
  const outcome = await checkFingerprints(state.couch.nano, fingerprintsOf({
    CUSTOMER_DATA_KEY: Buffer.from(state.customerKeys.material.dataKey, 'base64url'),
    CUSTOMER_INDEX_KEY: Buffer.from(state.customerKeys.material.indexKey, 'base64url'),
    AUDIT_KEY: state.auditKey,
    SESSION_SECRET: Buffer.from(state.auth.secret, 'utf8'),
  }), { beforeFirstPublish: () => checkAuditKeyAgainstChain(state.couch.nano, state.auditKey) });
  if (outcome !== 'same') log.info({ outcome }, 'secret fingerprints published: every later central on this CouchDB must hold the same secrets');
}

// --- Login and tokens (central/http/auth) ---
async function authSettings(config: CentralConfig): Promise<CentralState['auth']> {
  const { cookieSecure, sessionTtlMin, loginRateLimit, loginRateWindowMin, trustProxy } = config;
  return { cookieSecure, sessionTtlMin, loginRateLimit, loginRateWindowMin, trustProxy, secret: await resolveSessionSecret(config.dataDir, config.sessionSecret) };
}

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    answerClientErrors(server);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

/** Stops accepting connections and cuts the open ones (SSE streams, long-polls, idle keep-alives). */
function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  return closed;
}
