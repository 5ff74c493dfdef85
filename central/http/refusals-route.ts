// GET /api/refusals[?store=s1&limit=100]: the uploads CouchDB refused document by document
// (central/refusals). Admins see every store's, or one store's; a store manager sees their own
// store's only.
import type { Request, Response } from 'express';
import type Nano from 'nano';
import { asyncRoute } from './async-route.js';
import { ProntoError } from '../../validators/index.js';
import { listRefusals } from '../refusals/index.js';
import { isAdmin, type AuthLocals } from './auth/auth-settings.js';

const STORE = /^[a-z0-9][a-z0-9-]{0,30}$/;

export function refusalsRoute(deps: { nano: Nano.ServerScope }) {
  return asyncRoute(async (req: Request, res: Response) => {
    const { roles } = res.locals as AuthLocals;
    const asked = req.query.store;
    if (asked !== undefined && (typeof asked !== 'string' || !STORE.test(asked))) throw new ProntoError('BAD_REQUEST', 'store must be a store id such as "s1"', { store: asked });
    const limit = Math.min(1000, Math.max(1, Number(req.query.limit ?? 200) || 200));
    let store: string | undefined = asked;
    if (!isAdmin(roles)) {
      const own = roles.includes('manager') ? roles.filter((r) => r.startsWith('store:')).map((r) => r.slice('store:'.length)) : [];
      if (own.length === 0) throw new ProntoError('FORBIDDEN', 'refused uploads are for admins and store managers');
      store ??= own[0];
      if (!own.includes(store!)) throw new ProntoError('FORBIDDEN', `a manager sees only the refusals of their own store (${own.join(', ')})`, { store });
    }
    res.json({ store: store ?? null, refusals: await listRefusals(deps.nano, store, limit) });
  });
}
