// Central's Express app: /db (the CouchDB API for tills, same-origin, through a narrow door), /api, /pos.
import express from 'express';
import type { Logger } from 'pino';
import type { CentralState } from '../state.js';
import { ProntoError } from '../../validators/errors.js';
import { errorHandler, sendError } from './send-error.js';
import { health } from './health.js';
import { requireAdmin } from './require-admin.js';
import { requireStoreReader } from './store-scope.js';
import { createAccountRoles, createAuth, createLoginThrottle, type AuthSettings } from './auth/index.js';
import { conflictsRoutes } from './conflicts-routes.js';
import { policyRoutes } from './policy-routes.js';
import { eventsRoute } from './events-route.js';
import { storesRoute } from './stores-route.js';
import { alertsRoute } from './alerts-route.js';
import { createPanel } from '../panel/index.js';
import { auditRoutes } from './audit-routes.js';
import { devicesRoutes } from './devices-routes.js';
import { deviceRequestsRoutes } from './device-requests-routes.js';
import { accountsRoutes } from './accounts-routes.js';
import { couchProxy } from './couch-proxy/couch-proxy.js';
import { createRefusalAudit } from './couch-proxy/refusal-audit.js';
import { securityHeaders } from './security-headers.js';
import { approversRoutes } from './approvers-routes.js';
import { ADMIN_DIST, POS_DIST, spaStatic } from './spa-static.js';
import { consoleRoute, fauxtonUrlOf } from './console-route.js';
import { docsRoute } from './docs-route.js';
import { recentChangesRoute } from './changes-route.js';
import { customerKeysRoute } from './keys-route.js';
import { refusalsRoutes } from './refusals-route.js';
import { quarantineRoutes } from './quarantine-routes.js';
import { recordRefusals } from '../refusals/index.js';
import { settingsRoutes } from './settings-routes.js';
import { createSettingsStore } from '../settings/index.js';
import { statsRoute } from './stats-route.js';
import { snapshotRoute } from './snapshot-route.js';
import { stockBaseRoute } from './stock-base-route.js';
import { requestLog } from './request-log.js';
import { httpMetrics, metricsRoute, metricsToken } from '../metrics/index.js';

export function createApp(state: CentralState, log: Logger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Behind a load balancer, the client's address (login lockout, audit) comes from the proxies
  // TRUST_PROXY names; by default none is believed and req.ip is the connection's.
  app.set('trust proxy', state.auth.trustProxy === false ? false : state.auth.trustProxy);
  // Observability first, so every request is logged (request-log.ts) and counted (central/metrics).
  app.use(requestLog(log), httpMetrics(state.metrics.http));
  app.use(securityHeaders(state.auth.cookieSecure));
  const shared = { throttle: createLoginThrottle(throttleSettings(state.auth)), accounts: createAccountRoles(state.couch.nano, { serverAdmin: state.couch.auth.username }) };
  const report = (err: Error) => log.warn({ err: err.message }, 'could not write an audit entry');
  app.use('/db', couchProxy({
    couchUrl: state.couch.url, pools: state.proxyPools, log, throttle: shared.throttle, ledger: state.writeLedger,
    refused: createRefusalAudit(state.deps.audit, report), maxBodyBytes: state.dbMaxBodyBytes,
    uploadRefused: (upload) => {
      const deps = { nano: state.couch.nano, audit: state.deps.audit, bus: state.bus, log, rolesOf: (name: string) => shared.accounts.rolesOf(name) };
      recordRefusals(deps, upload).catch((err: Error) => log.error({ err: err.message, db: upload.db, account: upload.account, refused: upload.entries.length }, 'could not record refused uploads'));
    },
  }));
  app.get('/', (_req, res) => res.redirect('/api/health'));
  app.use('/pos', spaStatic(POS_DIST, 'pos'));
  app.use('/admin', spaStatic(ADMIN_DIST, 'admin'));
  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));
  api.get('/health', health(state));
  // Login and tokens: cookies, console session and CSRF check first, then /session and /tokens.
  const auth = createAuth({ settings: state.auth, nano: state.couch.nano, couchUrl: state.couch.url, audit: state.deps.audit }, log, shared);
  api.use(auth.middleware);
  api.use(auth.routes);
  const admin = requireAdmin(auth);
  // Prometheus metrics: a scraper with METRICS_TOKEN, else admins only (central/metrics/metrics-access.ts).
  api.get('/metrics', metricsToken(state.metricsToken), metricsRoute(state.metrics));
  api.get('/metrics', admin, metricsRoute(state.metrics));
  // What the console reads: chain admins every store, store managers their own (store-scope.ts).
  const reader = requireStoreReader(auth);
  api.get('/events', reader, eventsRoute(state.bus, state.metrics.sseClients));
  const panel = createPanel({ ...state.deps, tillSilentAfterMs: state.tillSilentAfterMs });
  api.get('/stores', reader, storesRoute(panel));
  api.get('/alerts', reader, alertsRoute(panel));
  // One document for the change feed's detail, a customer's personal fields masked (docs-route.ts).
  api.get('/docs/:db/:id', reader, docsRoute({ nano: state.couch.nano }, auth));
  // The latest changes from the databases themselves: the feed's start and its catch-up after a `reset` (changes-route.ts).
  api.get('/changes/recent', reader, recentChangesRoute({ nano: state.couch.nano, bus: state.bus }));
  // The console's statistics: admins every store or one, store managers their own (stats-route.ts).
  api.get('/stats', reader, statsRoute(state.deps));
  const { deps } = state;
  api.use('/conflicts', conflictsRoutes(deps, { reader, admin }));
  api.use('/config/conflict-policy', admin, policyRoutes({ policies: state.policies, audit: deps.audit, nano: deps.nano }));
  // settings:pos and settings:sync, which tills pull with the catalog: admins only.
  const settings = createSettingsStore(deps.nano, deps.clock);
  api.use('/config/pos', admin, settingsRoutes('pos', { settings, audit: deps.audit }));
  api.use('/config/sync', admin, settingsRoutes('sync', { settings, audit: deps.audit }));
  api.get('/console', admin, consoleRoute({ fauxtonUrl: fauxtonUrlOf(state.couch.url) }));
  api.use('/audit', admin, auditRoutes({ nano: deps.nano, auditKey: state.auditKey }));
  api.use('/devices', auth.authenticate, devicesRoutes(deps));
  // Devices and accounts page: tills' enrolment requests (a store account asks, an admin settles); store accounts (admins).
  api.use('/device-requests', auth.authenticate, deviceRequestsRoutes(deps));
  api.use('/accounts', admin, accountsRoutes({ nano: deps.nano, audit: deps.audit, serverAdmin: state.couch.auth.username }));
  // Uploads CouchDB refused: admins (any store) and store managers (their own) read; admins dismiss.
  api.use('/refusals', refusalsRoutes({ nano: deps.nano, audit: deps.audit, bus: state.bus }, { reader, admin }));
  // Quarantined sales, returns and moves: admins and store managers (their own) read; admins release.
  api.use('/quarantine', quarantineRoutes({ nano: deps.nano, audit: deps.audit, bus: state.bus }, { reader, admin }));
  // Managers register their own approval keys from a till (Basic, their own credentials).
  api.use('/approvers', auth.authenticate, approversRoutes(deps, auth));
  // Customer keys: any logged-in store account or admin (not admin-only), see keys-route.ts.
  api.get('/keys/customers', customerKeysRoute({ customerKeys: state.customerKeys, audit: deps.audit }, auth));
  // A till's first start: its databases in bulk, with the seq replication continues from (snapshot-route.ts).
  api.get('/snapshot/:db', auth.authenticate, snapshotRoute({ nano: state.couch.nano, log }));
  // A store's stock before a month start, published on first asking: a till's history window (stock-base-route.ts).
  api.get('/stock-base/:store/:cutoff', auth.authenticate, stockBaseRoute({ nano: state.couch.nano, clock: deps.clock }));
  api.use((req, res) => sendError(res, new ProntoError('NOT_FOUND', `no API route ${req.method} ${req.path}`)));
  app.use('/api', api);
  // Anything else (a path that left /api by `..`, a typo) gets the same JSON answer, not Express's HTML page.
  app.use((req, res) => sendError(res, new ProntoError('NOT_FOUND', `no route ${req.method} ${req.path}`)));
  app.use(errorHandler(log));
  return app;
}

/** The lockout of every password presented through central: LOGIN_RATE_LIMIT per IP and name, ten times that per IP. */
function throttleSettings(auth: AuthSettings) {
  return { perName: auth.loginRateLimit, perIp: auth.loginRateLimit * 10, windowMs: auth.loginRateWindowMin * 60_000 };
}
