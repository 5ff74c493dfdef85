// /api/refusals: the uploads CouchDB refused document by document (central/refusals).
//   GET /api/refusals[?store=s1&status=open|dismissed|accepted&limit=200&cursor=<last id>]: admins
//     see every store's, or one store's; a store manager sees their own store's only. `next` is
//     the cursor of the following page, null on the last.
//   POST /api/refusals/:id/dismiss {note}: admins only; the record keeps who, when and the note,
//     audited as `refusal.dismissed`.
//   POST /api/refusals/:id/accept {note}: the same, only when central now holds a later, counted
//     revision of the document (else 409 saying why); audited as `refusal.accepted`.
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { RefusalPage } from '../../validators/api/refusals.js';
import { ProntoError } from '../../validators/index.js';
import { listRefusals, REFUSAL_ACTIONS, REFUSAL_STATUSES, settleRefusal, type RefusalStatus, type SettleDeps } from '../refusals/index.js';
import type { AuthLocals } from './auth/auth-settings.js';
import { pageLimit } from './page-limit.js';
import { STORE_ID } from './param-checks.js';
import { inScope, type ScopeLocals } from './store-scope.js';

/** `reader`: an admin or a store manager (store-scope.ts); `admin`: admins only. */
export interface RefusalsGuards { reader: RequestHandler[]; admin: RequestHandler[] }

export function refusalsRoutes(deps: SettleDeps, guards: RefusalsGuards): express.Router {
  const router = express.Router();
  router.get('/', guards.reader, async (req: Request, res: Response) => {
    const { scope } = res.locals as ScopeLocals;
    const asked = req.query.store;
    if (asked !== undefined && (typeof asked !== 'string' || !STORE_ID.test(asked))) throw new ProntoError('BAD_REQUEST', 'store must be a store id such as "s1"', { param: 'store', store: asked });
    const status = req.query.status;
    if (status !== undefined && !REFUSAL_STATUSES.includes(status as RefusalStatus)) throw new ProntoError('BAD_REQUEST', `status must be one of ${REFUSAL_STATUSES.join(', ')}`, { param: 'status', status });
    const cursor = req.query.cursor;
    if (cursor !== undefined && (typeof cursor !== 'string' || !cursor.startsWith('refusal:') || cursor.length > 1000)) throw new ProntoError('BAD_REQUEST', 'cursor must be the `next` of the page before', { param: 'cursor' });
    const limit = pageLimit(req.query.limit, 200, 1000);
    // An admin without `store` reads every store's; a manager, their own store's.
    const store = asked ?? scope.stores?.[0];
    if (scope.stores !== null && !inScope(scope, store)) throw new ProntoError('FORBIDDEN', `a manager sees only the refusals of their own store (${scope.stores.join(', ')})`, { store });
    const found = await listRefusals(deps.nano, store, limit + 1, status as RefusalStatus | undefined, cursor);
    const refusals = found.slice(0, limit);
    res.json({ store: store ?? null, status: (status as RefusalStatus | undefined) ?? null, refusals, next: found.length > limit ? refusals[refusals.length - 1]!._id : null } satisfies RefusalPage);
  });
  for (const action of REFUSAL_ACTIONS) {
    router.post(`/:id/${action}`, guards.admin, async (req: Request, res: Response) => {
      const body = (req.body ?? {}) as { note?: unknown };
      res.json({ refusal: await settleRefusal(deps, action, refusalParam(req), (res.locals as AuthLocals).actor, body.note) });
    });
  }
  return router;
}

function refusalParam(req: Request): string {
  const id = String(req.params.id);
  if (!id.startsWith('refusal:') || id.length > 1000) throw new ProntoError('BAD_REQUEST', 'id must be a refusal id (refusal:<store>:…)', { param: 'id' });
  return id;
}
