// Every API error leaves as `{code, message, details}` with a fitting HTTP status.
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { ProntoError, type ErrorCode } from '../../validators/errors.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  CONFIG_INVALID: 400,
  UNAUTHORIZED: 401,
  SYNC_DENIED: 403,
  FORBIDDEN: 403,
  CSRF_INVALID: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  CONFLICT_UNRESOLVED: 409,
  DEVICE_EXISTS: 409,
  RATE_LIMITED: 429,
  COUCH_UNREACHABLE: 503,
};

export function sendError(res: Response, err: unknown): void {
  const e = err instanceof ProntoError ? err : new ProntoError('INTERNAL', 'internal error');
  res.status(STATUS[e.code] ?? 500).json(e.toJSON());
}

export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (!(err instanceof ProntoError)) {
      // Body-parser and friends report bad input with a 4xx status; everything else is ours.
      const status = (err as { status?: number }).status;
      if (status !== undefined && status >= 400 && status < 500) {
        res.status(status).json({ code: 'BAD_REQUEST', message: (err as Error).message, details: {} });
        return;
      }
      log.error({ err, path: req.path }, 'unhandled error');
    }
    sendError(res, err);
  };
}
