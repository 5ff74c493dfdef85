// Admin-only API routes: the caller's CouchDB credentials (Basic header or AuthSession cookie)
// are checked by CouchDB itself (GET /_session), so an admin is whoever CouchDB says has the
// `_admin` or `admin` role. The name is kept as the actor of what they do.
import type { NextFunction, Request, Response } from 'express';
import { ProntoError } from '../../validators/index.js';
import { sendError } from './send-error.js';

export interface AdminLocals { actor: string }

export function requireAdmin(couchUrl: string) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const headers: Record<string, string> = {};
    if (req.headers.authorization) headers.authorization = req.headers.authorization;
    if (req.headers.cookie) headers.cookie = req.headers.cookie;
    if (Object.keys(headers).length === 0) return sendError(res, new ProntoError('UNAUTHORIZED', 'log in as an admin first'));
    try {
      const r = await fetch(`${couchUrl}/_session`, { headers, signal: AbortSignal.timeout(10_000) });
      const body = (await r.json()) as { userCtx?: { name?: string | null; roles?: string[] } };
      const roles = body.userCtx?.roles ?? [];
      if (!r.ok || !body.userCtx?.name && !roles.includes('_admin')) return sendError(res, new ProntoError('UNAUTHORIZED', 'wrong name or password'));
      if (!roles.includes('_admin') && !roles.includes('admin')) return sendError(res, new ProntoError('FORBIDDEN', 'this needs an admin account'));
      (res.locals as AdminLocals).actor = body.userCtx?.name ?? 'admin';
      next();
    } catch (err) {
      sendError(res, new ProntoError('COUCH_UNREACHABLE', 'CouchDB did not answer the session check', {}, err));
    }
  };
}
