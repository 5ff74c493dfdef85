// /api/quarantine: the sales, returns and moves central quarantined (central/quarantine).
//   GET /api/quarantine?store=s1[&limit=100&cursor=<next>]: a chain admin reads any store's, a store
//     manager their own only (without `store`, their own); cashiers 403. Paged by id.
//   POST /api/quarantine/:store/:id/release {note}: admins only; lifts the flag so central counts
//     the document, audited as `quarantine.released`.
import express, { type Request, type RequestHandler, type Response } from 'express';
import { ProntoError } from '../../validators/index.js';
import { checkNote } from '../refusals/index.js';
import { listQuarantined, releaseQuarantined, RELEASABLE, type ReleaseDeps } from '../quarantine/index.js';
import type { AuthLocals } from './auth/auth-settings.js';
import { pageLimit } from './page-limit.js';
import { STORE_ID } from './param-checks.js';
import { inScope, type ScopeLocals } from './store-scope.js';

export interface QuarantineGuards { reader: RequestHandler[]; admin: RequestHandler[] }

export function quarantineRoutes(deps: ReleaseDeps, guards: QuarantineGuards): express.Router {
  const router = express.Router();
  router.get('/', guards.reader, async (req: Request, res: Response) => {
    const { scope } = res.locals as ScopeLocals;
    const asked = req.query.store ?? (scope.stores?.length === 1 ? scope.stores[0] : undefined);
    if (asked === undefined) throw new ProntoError('BAD_REQUEST', 'store is required: the quarantine is listed one store at a time', { param: 'store' });
    const store = storeParam(asked);
    if (!inScope(scope, store)) throw new ProntoError('FORBIDDEN', `a manager sees only their own store (${(scope.stores ?? []).join(', ')})`, { store });
    const cursor = req.query.cursor;
    if (cursor !== undefined && (typeof cursor !== 'string' || !RELEASABLE.test(cursor) || cursor.length > 1000)) throw new ProntoError('BAD_REQUEST', 'cursor must be the `next` of the page before', { param: 'cursor' });
    const limit = pageLimit(req.query.limit, 100, 500);
    res.json({ store, ...(await listQuarantined(deps.nano, store, limit, cursor)) });
  });
  router.post('/:store/:id/release', guards.admin, async (req: Request, res: Response) => {
    const store = storeParam(req.params.store);
    const id = String(req.params.id);
    if (!RELEASABLE.test(id) || id.length > 1000) throw new ProntoError('BAD_REQUEST', 'id must be a sale, return or move id (sale:…, return:…, move:…)', { param: 'id' });
    const note = checkNote((req.body as { note?: unknown } | undefined)?.note, 'say why the document is released');
    res.json({ released: await releaseQuarantined(deps, store, id, (res.locals as AuthLocals).actor, note) });
  });
  return router;
}

function storeParam(value: unknown): string {
  if (typeof value !== 'string' || !STORE_ID.test(value)) throw new ProntoError('BAD_REQUEST', 'store must be a store id such as "s1"', { param: 'store', store: value });
  return value;
}
