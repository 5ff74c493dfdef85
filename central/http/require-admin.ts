// Admin-only API routes. Who the caller is comes from `authenticate` (central/http/auth): a console
// session, a script's bearer token, or CouchDB credentials (Basic header or AuthSession cookie,
// checked by CouchDB's GET /_session). An admin is whoever holds the `admin` or `_admin` role.
// The name is kept in res.locals as the actor of what they do.
import type { RequestHandler } from 'express';
import { requireAdminRole, type AdminCheckOptions, type Auth } from './auth/index.js';

export interface AdminLocals { actor: string }

export function requireAdmin(auth: Auth, opts?: AdminCheckOptions): RequestHandler[] {
  return requireAdminRole(auth, opts);
}
