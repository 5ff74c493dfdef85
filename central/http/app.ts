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
import { couchProxy } from './couch-proxy/couch-proxy.js';
import { createRefusalAudit } from './couch-proxy/refusal-audit.js';
import { securityHeaders } from './security-headers.js';
import { approversRoutes } from './approvers-routes.js';
import { posStatic } from './pos-static.js';
import { adminStatic, fauxtonUrlOf } from './admin-static.js';
import { customerKeysRoute } from './keys-route.js';
import { refusalsRoutes } from './refusals-route.js';
import { recordRefusals } from '../refusals/index.js';

export function createApp(state: CentralState, log: Logger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders(state.auth.cookieSecure));
  const shared = { throttle: createLoginThrottle(throttleSettings(state.auth)), accounts: createAccountRoles(state.couch.nano, { serverAdmin: state.couch.auth.username }) };
  const report = (err: Error) => log.warn({ err: err.message }, 'could not write an audit entry');
  app.use('/db', couchProxy({
    couchUrl: state.couch.url, log, throttle: shared.throttle, ledger: state.writeLedger,
    refused: createRefusalAudit(state.deps.audit, report), maxBodyBytes: state.dbMaxBodyBytes,
    uploadRefused: (upload) => {
      const deps = { nano: state.couch.nano, audit: state.deps.audit, bus: state.bus, log, rolesOf: (name: string) => shared.accounts.rolesOf(name) };
      recordRefusals(deps, upload).catch((err: Error) => log.error({ err: err.message, db: upload.db, account: upload.account, refused: upload.entries.length }, 'could not record refused uploads'));
    },
  }));
  app.get('/', (_req, res) => res.redirect('/api/health'));
  app.use('/pos', posStatic());
  app.use('/admin', adminStatic({ fauxtonUrl: fauxtonUrlOf(state.couch.url) }));
  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));
  api.get('/health', health(state));
  // Login and tokens: cookies, console session and CSRF check first, then /session and /tokens.
  const auth = createAuth({ settings: state.auth, nano: state.couch.nano, couchUrl: state.couch.url, audit: state.deps.audit }, log, shared);
  api.use(auth.middleware);
  api.use(auth.routes);
  const admin = requireAdmin(auth);
  // What the console reads: chain admins every store, store managers their own (store-scope.ts).
  const reader = requireStoreReader(auth);
  api.get('/events', reader, eventsRoute(state.bus));
  const panel = createPanel(state.deps);
  api.get('/stores', reader, storesRoute(panel));
  api.get('/alerts', reader, alertsRoute(panel));
  const { deps } = state;
  api.use('/conflicts', conflictsRoutes(deps, { reader, admin }));
  api.use('/config/conflict-policy', admin, policyRoutes({ policies: state.policies, audit: deps.audit }));
  api.use('/audit', admin, auditRoutes({ nano: deps.nano, auditKey: state.auditKey }));
  api.use('/devices', auth.authenticate, devicesRoutes(deps));
  // Uploads CouchDB refused: admins (any store) and store managers (their own) read; admins dismiss.
  api.use('/refusals', refusalsRoutes({ nano: deps.nano, audit: deps.audit, bus: state.bus }, { authenticate: auth.authenticate, admin }));
  // Managers register their own approval keys from a till (Basic, their own credentials).
  api.use('/approvers', auth.authenticate, approversRoutes(deps, auth));
  // Customer keys: any logged-in store account or admin (not admin-only), see keys-route.ts.
  api.get('/keys/customers', customerKeysRoute({ customerKeys: state.customerKeys, audit: deps.audit }, auth));
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
