// CSRF protection for the console (double-submit cookie, csrf-csrf v4): the token is an HMAC bound
// to the session id, sent back in a cookie and, by the page, in the `x-csrf-token` header. Only
// calls that can carry ambient credentials need it: a state-changing method, some cookie sent, and
// no Authorization header (bearer and Basic credentials are never attached by a browser on its own
// here, so a forged cross-site request cannot use them). Login itself is exempt: there is no
// session yet to bind a token to, and SameSite=Strict keeps the new cookie from cross-site use.
import { doubleCsrf } from 'csrf-csrf';
import type { NextFunction, Request, Response } from 'express';
import { ProntoError } from '../../../validators/index.js';
import { sendError } from '../send-error.js';
import type { AuthSettings } from './auth-settings.js';
import { deriveKey } from './keys.js';

export const CSRF_COOKIE = 'pronto.csrf';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface Csrf {
  /** A fresh token for this session; also (re)sets the CSRF cookie. */
  issue(req: Request, res: Response): string;
  /** Middleware: refuses an unprotected cookie-authenticated change with 403 CSRF_INVALID. */
  protect(onRefused: (req: Request) => Promise<void>): (req: Request, res: Response, next: NextFunction) => void;
  clear(res: Response): void;
}

export function createCsrf(settings: AuthSettings): Csrf {
  const cookieOptions = { sameSite: 'strict' as const, path: '/api', secure: settings.cookieSecure, httpOnly: true };
  const key = deriveKey(settings.secret, 'csrf');
  const { generateCsrfToken, validateRequest } = doubleCsrf({
    getSecret: () => key,
    getSessionIdentifier: (req) => req.sessionID ?? '',
    cookieName: CSRF_COOKIE,
    cookieOptions,
  });
  return {
    issue: (req, res) => generateCsrfToken(req, res, { overwrite: true }),
    protect: (onRefused) => (req, res, next) => {
      if (!needsCheck(req) || validateRequest(req)) return next();
      void onRefused(req).then(() => sendError(res, new ProntoError('CSRF_INVALID', 'this change needs the x-csrf-token header from GET /api/session')));
    },
    clear: (res) => res.clearCookie(CSRF_COOKIE, cookieOptions),
  };
}

function needsCheck(req: Request): boolean {
  if (SAFE.has(req.method)) return false;
  if (req.headers.authorization !== undefined) return false;
  if (req.headers.cookie === undefined) return false;
  return !(req.method === 'POST' && req.path === '/session');
}
