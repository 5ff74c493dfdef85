// Login and tokens for the API (see DESIGN.md "Central"): console sessions in CouchDB, CSRF
// protection, a login rate limit, script bearer tokens, and one `authenticate` for every route.
// Mount `middleware` first on the /api router, then `routes`; guard admin routes with `requireAdminRole`.
import cookieParser from 'cookie-parser';
import type { RequestHandler, Response, Router } from 'express';
import express from 'express';
import session from 'express-session';
import type { Logger } from 'pino';
import type Nano from 'nano';
import type { AuditWriter } from '../../audit/append-audit.js';
import type { AuthSettings } from './auth-settings.js';
import { createAuthAudit, type AuthAudit } from './audit-auth.js';
import { authenticate, type Authenticate } from './authenticate.js';
import { CouchSessionStore } from './couch-session-store.js';
import { createCsrf } from './csrf.js';
import { deriveKey } from './keys.js';
import { requireAdminRole } from './require-admin-role.js';
import { refreshSessionUser } from './refresh-session-user.js';
import type { LoginThrottle } from './login-throttle.js';
import type { AccountRoles } from '../../accounts/account-roles.js';
import { sessionRoutes } from './session-routes.js';
import { tokenRoutes } from './token-routes.js';
import { createTokenStore } from './token-store.js';

export type { AuthSettings, AuthLocals } from './auth-settings.js';
export { createLoginThrottle, clientKey, type LoginThrottle } from './login-throttle.js';
export { createAccountRoles, type AccountRoles } from '../../accounts/account-roles.js';
export { resolveSessionSecret } from './session-secret.js';
export { requireAdminRole, type AdminCheckOptions } from './require-admin-role.js';

export const SESSION_COOKIE = 'pronto.sid';

export interface Auth {
  /** Cookie parsing, the console session, and the CSRF check: first on the /api router. */
  middleware: RequestHandler[];
  /** /session and /tokens. */
  routes: Router;
  authenticate: Authenticate;
  audit: AuthAudit;
}

/** Shared with the /db proxy: one lockout and one view of accounts for every way in. */
export interface AuthShared {
  throttle: LoginThrottle;
  accounts: AccountRoles;
}

/** What login, sessions and tokens need of the process. */
export interface AuthDeps {
  settings: AuthSettings;
  nano: Nano.ServerScope;
  couchUrl: string;
  audit: AuditWriter;
}

export function createAuth(deps: AuthDeps, log: Logger, shared: AuthShared): Auth {
  const { settings, nano, couchUrl } = deps;
  const audit = createAuthAudit(deps.audit, log);
  const tokens = createTokenStore(nano);
  const csrf = createCsrf(settings);
  const cookie = { httpOnly: true, sameSite: 'strict' as const, secure: settings.cookieSecure, path: '/api' };
  const consoleSession = session({
    name: SESSION_COOKIE,
    secret: deriveKey(settings.secret, 'session-cookie'),
    store: new CouchSessionStore(nano),
    resave: false,
    saveUninitialized: false,
    unset: 'destroy',
    // TLS ends at a reverse proxy in front of central: trust its X-Forwarded-Proto, or a Secure
    // cookie would never be set.
    proxy: settings.cookieSecure ? true : undefined,
    cookie: { ...cookie, maxAge: settings.sessionTtlMin * 60_000 },
  });
  const authn = authenticate({ couchUrl, tokens, audit, ...shared });
  // Only a real session is worth an audit entry; anyone can send a bare POST.
  const csrfCheck = csrf.protect(async (req) => {
    const user = req.session?.user;
    if (user !== undefined) await audit.denied(req, user.name, 'missing or invalid CSRF token');
  });

  const routes = express.Router();
  routes.use('/session', sessionRoutes({
    couchUrl, csrf, audit, throttle: shared.throttle,
    clearSessionCookie: (res: Response) => res.clearCookie(SESSION_COOKIE, cookie),
  }));
  routes.use('/tokens', tokenRoutes(tokens, audit, requireAdminRole({ authenticate: authn, audit }, { allowTokens: false })));
  return { middleware: [cookieParser(), consoleSession, refreshSessionUser(shared.accounts), csrfCheck], routes, authenticate: authn, audit };
}
