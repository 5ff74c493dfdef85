// Central's Express app: /db (the CouchDB API, proxied so stores replicate same-origin), /api, /pos.
import express from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type { Logger } from 'pino';
import type { CentralState } from '../state.js';
import { ProntoError } from '../../validators/errors.js';
import { errorHandler, sendError } from './send-error.js';
import { health } from './health.js';
import { requireAdmin } from './require-admin.js';
import { createAuth } from './auth/index.js';
import { conflictsRoutes } from './conflicts-routes.js';
import { policyRoutes } from './policy-routes.js';
import { eventsRoute } from './events-route.js';
import { storesRoute } from './stores-route.js';
import { auditRoutes } from './audit-routes.js';
import { devicesRoutes } from './devices-routes.js';
import { approversRoutes } from './approvers-routes.js';
import { auditDbRefusals } from './audit-db-refusals.js';
import { posStatic } from './pos-static.js';
import { customerKeysRoute } from './keys-route.js';

export function createApp(state: CentralState, log: Logger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // The proxy streams bodies (long-poll and continuous _changes included) and passes cookies and
  // Authorization through untouched: CouchDB itself decides who may do what.
  app.use('/db', createProxyMiddleware({
    target: state.couch.url,
    changeOrigin: true,
    proxyTimeout: 0,
    on: {
      proxyRes: auditDbRefusals(state.resolver.audit),
      error: (err, _req, res) => {
        log.warn({ err: err.message }, 'CouchDB proxy error');
        const r = res as express.Response;
        if ('headersSent' in r && !r.headersSent) r.status(502).json({ error: 'bad_gateway', reason: 'CouchDB is unreachable' });
      },
    },
  }));
  app.get('/', (_req, res) => res.redirect('/api/health'));
  app.use('/pos', posStatic());
  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));
  api.get('/health', health(state));
  // Login and tokens: cookies, console session and CSRF check first, then /session and /tokens.
  const auth = createAuth(state, log);
  api.use(auth.middleware);
  api.use(auth.routes);
  const admin = requireAdmin(auth);
  api.get('/events', admin, eventsRoute(state.bus));
  api.get('/stores', admin, storesRoute(state));
  api.use('/conflicts', admin, conflictsRoutes(state));
  api.use('/config/conflict-policy', admin, policyRoutes(state));
  api.use('/audit', admin, auditRoutes(state));
  api.use('/devices', auth.authenticate, devicesRoutes(state));
  // Managers register their own approval keys from a till (Basic, their own credentials).
  api.use('/approvers', auth.authenticate, approversRoutes(state, auth));
  // Customer keys: any logged-in store account or admin (not admin-only), see keys-route.ts.
  api.get('/keys/customers', customerKeysRoute({ customerKeys: state.customerKeys, audit: state.resolver.audit }, auth));
  api.use((req, res) => sendError(res, new ProntoError('NOT_FOUND', `no API route ${req.method} ${req.path}`)));
  app.use('/api', api);
  app.use(errorHandler(log));
  return app;
}
