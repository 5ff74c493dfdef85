// The admin check behind every admin API route: authenticate, then require the `admin` (or
// CouchDB `_admin`) role. Refusals of a known caller are audited as `auth.denied`.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ProntoError } from '../../../validators/index.js';
import { sendError } from '../send-error.js';
import type { AuthAudit } from './audit-auth.js';
import { isAdmin, type AuthLocals } from './auth-settings.js';
import type { Authenticate } from './authenticate.js';

export interface AdminCheckOptions {
  /** Accept bearer tokens (default true). Off for routes a token must not reach, like /api/tokens. */
  allowTokens?: boolean;
}

export function requireAdminRole(auth: { authenticate: Authenticate; audit: AuthAudit }, opts: AdminCheckOptions = {}): RequestHandler[] {
  const check = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const who = res.locals as AuthLocals;
    const refusal = who.via === 'token' && opts.allowTokens === false ? 'log in to do this: a token cannot manage tokens'
      : !isAdmin(who.roles) ? 'this needs an admin account'
      : undefined;
    if (refusal === undefined) return next();
    await auth.audit.denied(req, who.actor, refusal);
    sendError(res, new ProntoError('FORBIDDEN', refusal));
  };
  return [auth.authenticate, check];
}
