// Who is calling, for every protected API route, in this order:
// 1. `Authorization: Bearer pst_…` — a script token (hash known, not revoked, not expired, and
//    its scope allows the method);
// 2. no Authorization header and a console session (cookie `pronto.sid`);
// 3. CouchDB credentials — a Basic header or CouchDB's AuthSession cookie — checked by CouchDB
//    (scripts and the POS); a Basic password counts toward the shared login lockout.
// A token is only as good as the account that made it: it stops working when that account is
// deleted or is no longer an admin (account-roles).
// An Authorization header always wins over cookies: that is what exempts it from CSRF checks.
// On success res.locals holds AuthLocals; otherwise 401, or 403 (audited) for a scope refusal.
import type { NextFunction, Request, Response } from 'express';
import { ProntoError } from '../../../validators/index.js';
import { sendError } from '../send-error.js';
import type { AuthAudit } from './audit-auth.js';
import type { AuthLocals } from './auth-settings.js';
import { couchSessionUser } from './couch-session-check.js';
import './session-data.js';
import { scopeAllows } from './token-format.js';
import type { TokenStore } from './token-store.js';
import { basicName, clientKey, type LoginThrottle } from './login-throttle.js';
import type { AccountRoles } from '../../accounts/account-roles.js';
import { isAdmin } from './auth-settings.js';

export interface AuthenticateDeps {
  couchUrl: string;
  tokens: TokenStore;
  audit: AuthAudit;
  throttle: LoginThrottle;
  accounts: AccountRoles;
}

export type Authenticate = (req: Request, res: Response, next: NextFunction) => Promise<void>;

export function authenticate(deps: AuthenticateDeps): Authenticate {
  return async (req, res, next) => {
    let who: AuthLocals | undefined;
    try {
      who = await identify(req, deps);
    } catch (err) {
      return sendError(res, err);
    }
    if (who === undefined) return sendError(res, new ProntoError('UNAUTHORIZED', 'log in first: POST /api/session, a bearer token, or CouchDB credentials'));
    if (who.scopes !== undefined && !scopeAllows(who.scopes, req.method)) {
      await deps.audit.denied(req, who.actor, `token scope ${who.scopes.join(',')} does not allow ${req.method}`);
      return sendError(res, new ProntoError('FORBIDDEN', `this token's scope (${who.scopes.join(', ')}) does not allow ${req.method}`));
    }
    Object.assign(res.locals, who);
    next();
  };
}

async function identify(req: Request, deps: AuthenticateDeps): Promise<AuthLocals | undefined> {
  const authorization = req.headers.authorization;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (bearer) {
    const token = await deps.tokens.verify(bearer[1]!);
    if (token === undefined) throw new ProntoError('UNAUTHORIZED', 'the bearer token is unknown, revoked or expired');
    const owner = await deps.accounts.rolesOf(token.createdBy);
    if (owner === null || !isAdmin(owner)) {
      throw new ProntoError('UNAUTHORIZED', `the account that made this token (${token.createdBy}) no longer exists or is no longer an admin`);
    }
    return { actor: `token:${token.name}`, roles: ['admin'], via: 'token', scopes: token.scopes };
  }
  const user = req.session?.user;
  if (authorization === undefined && user !== undefined) return { actor: user.name, roles: user.roles, via: 'session' };
  const name = basicName(authorization);
  const ip = clientKey(req.ip);
  if (name !== undefined) {
    const wait = deps.throttle.blockedFor(ip, name);
    if (wait > 0) throw new ProntoError('RATE_LIMITED', `too many failed logins; try again in ${Math.ceil(wait / 60_000)} minute(s)`, { retryAfterSeconds: Math.ceil(wait / 1000) });
  }
  try {
    const couchUser = await couchSessionUser(deps.couchUrl, req);
    if (name !== undefined) deps.throttle.succeeded(ip, name);
    return couchUser && { actor: couchUser.name, roles: couchUser.roles, via: 'couch' };
  } catch (err) {
    if (name !== undefined && err instanceof ProntoError && (err.code === 'UNAUTHORIZED' || err.code === 'RATE_LIMITED')) deps.throttle.failed(ip, name);
    throw err;
  }
}
