// Rate limits on POST /api/session (express-rate-limit; counters in this process's memory, reset on
// restart). Only failed attempts count, so staff who log in often are never locked out. Two
// limits: per client IP and account name (guessing one account's password), and a wider one per
// IP alone (trying one password over many names). Behind a reverse proxy every client shares the
// proxy's IP unless Express's "trust proxy" is set.
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { ProntoError } from '../../../validators/index.js';
import { sendError } from '../send-error.js';
import type { AuthSettings } from './auth-settings.js';

/** How many times the per-account limit one IP may spend over different names. */
const NAMES_PER_IP = 10;

export function loginRateLimit(settings: AuthSettings): RequestHandler[] {
  const windowMs = settings.loginRateWindowMin * 60_000;
  const common = {
    windowMs,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7' as const,
    legacyHeaders: false,
    handler: (req: Request, res: Response) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryAfterSeconds = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : Math.ceil(windowMs / 1000);
      sendError(res, new ProntoError('RATE_LIMITED', `too many failed logins; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s)`, { retryAfterSeconds }));
    },
  };
  const ip = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');
  return [
    rateLimit({ ...common, limit: settings.loginRateLimit * NAMES_PER_IP, keyGenerator: ip }),
    rateLimit({ ...common, limit: settings.loginRateLimit, keyGenerator: (req) => `${ip(req)}|${nameOf(req)}` }),
  ];
}

function nameOf(req: Request): string {
  const name = (req.body as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name.slice(0, 100) : '';
}
