// /api/tokens: bearer tokens for scripts and integrations. Only an admin who logged in (console
// session or CouchDB credentials) manages them; a token cannot mint or revoke tokens, so a leaked
// one cannot make itself a successor. The token is in the create answer only, never again.
import express, { type Request, type RequestHandler, type Response } from 'express';
import { ProntoError } from '../../../validators/index.js';
import type { AuthAudit } from './audit-auth.js';
import type { AuthLocals } from './auth-settings.js';
import { SCOPES, type Scope } from './token-format.js';
import type { TokenStore } from './token-store.js';

const wrap = (fn: (req: Request, res: Response) => Promise<void>): RequestHandler => (req, res, next) => { fn(req, res).catch(next); };

export function tokenRoutes(tokens: TokenStore, audit: AuthAudit, guard: RequestHandler[]): express.Router {
  const router = express.Router();
  router.use(guard);

  router.get('/', wrap(async (_req, res) => {
    res.json({ tokens: await tokens.list() });
  }));

  router.post('/', wrap(async (req, res) => {
    const actor = (res.locals as AuthLocals).actor;
    const { info, token } = await tokens.create({ ...tokenRequest(req.body), createdBy: actor });
    await audit.record({ actor, action: 'token.created', target: `token:${info.id}`, details: { id: info.id, name: info.name, scopes: info.scopes, expiresAt: info.expiresAt } });
    res.status(201).json({ token, ...info });
  }));

  router.delete('/:id', wrap(async (req, res) => {
    const actor = (res.locals as AuthLocals).actor;
    const info = await tokens.revoke(String(req.params.id), actor);
    await audit.record({ actor, action: 'token.revoked', target: `token:${info.id}`, details: { id: info.id, name: info.name } });
    res.json({ token: info });
  }));
  return router;
}

function tokenRequest(body: unknown): { name: string; scopes: Scope[]; expiresInDays?: number } {
  const { name, scopes, expiresInDays } = (body ?? {}) as { name?: unknown; scopes?: unknown; expiresInDays?: unknown };
  if (typeof name !== 'string' || !/^[\w .@:-]{1,64}$/.test(name)) {
    throw new ProntoError('BAD_REQUEST', 'name must be 1 to 64 letters, digits, spaces or . _ @ : -', { field: 'name' });
  }
  if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every((s) => (SCOPES as readonly unknown[]).includes(s))) {
    throw new ProntoError('BAD_REQUEST', `scopes must be a non-empty list of ${SCOPES.join(', ')}`, { field: 'scopes' });
  }
  if (expiresInDays !== undefined && (!Number.isInteger(expiresInDays) || (expiresInDays as number) < 1 || (expiresInDays as number) > 3650)) {
    throw new ProntoError('BAD_REQUEST', 'expiresInDays must be a whole number from 1 to 3650', { field: 'expiresInDays' });
  }
  return { name, scopes: [...new Set(scopes as Scope[])], ...(expiresInDays !== undefined ? { expiresInDays: expiresInDays as number } : {}) };
}
