// /api/refusals: the uploads CouchDB refused document by document (central/refusals).
//   GET /api/refusals[?store=s1&status=open|dismissed&limit=200]: admins see every store's, or one
//     store's; a store manager sees their own store's only.
//   POST /api/refusals/:id/dismiss {note}: admins only; the record keeps who, when and the note,
//     audited as `refusal.dismissed`.
import express, { type Request, type RequestHandler, type Response } from 'express';
import type Nano from 'nano';
import { ProntoError } from '../../validators/index.js';
import { dismissRefusal, listRefusals, type DismissDeps } from '../refusals/index.js';
import { isAdmin, type AuthLocals } from './auth/auth-settings.js';

const STORE = /^[a-z0-9][a-z0-9-]{0,30}$/;

export interface RefusalsGuards { authenticate: RequestHandler; admin: RequestHandler[] }

export function refusalsRoutes(deps: DismissDeps & { nano: Nano.ServerScope }, guards: RefusalsGuards): express.Router {
  const router = express.Router();
  router.get('/', guards.authenticate, async (req: Request, res: Response) => {
    const { roles } = res.locals as AuthLocals;
    const asked = req.query.store;
    if (asked !== undefined && (typeof asked !== 'string' || !STORE.test(asked))) throw new ProntoError('BAD_REQUEST', 'store must be a store id such as "s1"', { param: 'store', store: asked });
    const status = req.query.status;
    if (status !== undefined && status !== 'open' && status !== 'dismissed') throw new ProntoError('BAD_REQUEST', 'status must be open or dismissed', { param: 'status', status });
    const limit = Math.min(1000, Math.max(1, Number(req.query.limit ?? 200) || 200));
    let store: string | undefined = asked;
    if (!isAdmin(roles)) {
      const own = roles.includes('manager') ? roles.filter((r) => r.startsWith('store:')).map((r) => r.slice('store:'.length)) : [];
      if (own.length === 0) throw new ProntoError('FORBIDDEN', 'refused uploads are for admins and store managers');
      store ??= own[0];
      if (!own.includes(store!)) throw new ProntoError('FORBIDDEN', `a manager sees only the refusals of their own store (${own.join(', ')})`, { store });
    }
    res.json({ store: store ?? null, status: status ?? null, refusals: await listRefusals(deps.nano, store, limit, status) });
  });
  router.post('/:id/dismiss', guards.admin, async (req: Request, res: Response) => {
    const id = String(req.params.id);
    if (!id.startsWith('refusal:') || id.length > 1000) throw new ProntoError('BAD_REQUEST', 'id must be a refusal id (refusal:<store>:…)', { param: 'id' });
    const body = (req.body ?? {}) as { note?: unknown };
    res.json({ refusal: await dismissRefusal(deps, id, (res.locals as AuthLocals).actor, body.note) });
  });
  return router;
}
