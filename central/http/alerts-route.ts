// GET /api/alerts[?store=s1&limit=50&cursor=…]: what needs a human (central/panel/build-alerts),
// most serious kind first, paged (limit 1..200, default 50; cursor = the previous page's
// nextCursor). Admins see every store's or one store's; a store manager their own store's only
// (store-scope.ts; another store is a 403).
import type { Request, Response } from 'express';
import { ProntoError } from '../../validators/index.js';
import { pageAlerts, type Panel } from '../panel/index.js';
import { inScope, type ScopeLocals } from './store-scope.js';

export const MAX_ALERTS_PAGE = 200;
const STORE = /^[a-z0-9][a-z0-9-]{0,30}$/;

const bad = (param: string, message: string, value: unknown) => new ProntoError('BAD_REQUEST', `${param}: ${message}`, { param, value });

export function alertsRoute(panel: Panel) {
  return async (req: Request, res: Response): Promise<void> => {
    const { scope } = res.locals as ScopeLocals;
    const { store, limit, cursor } = req.query as Record<string, unknown>;
    if (store !== undefined && (typeof store !== 'string' || !STORE.test(store))) throw bad('store', 'must be a store id such as "s1"', store);
    if (store !== undefined && !inScope(scope, store)) throw new ProntoError('FORBIDDEN', `a manager sees only the alerts of their own store (${scope.stores?.join(', ')})`, { store });
    const n = limit === undefined ? 50 : typeof limit === 'string' && /^\d{1,4}$/.test(limit) ? Number(limit) : NaN;
    if (!(n >= 1 && n <= MAX_ALERTS_PAGE)) throw bad('limit', `must be a whole number from 1 to ${MAX_ALERTS_PAGE}`, limit);
    if (cursor !== undefined && typeof cursor !== 'string') throw bad('cursor', 'must be the nextCursor of a previous page', cursor);
    const alerts = await panel.alerts((s) => inScope(scope, s) && (store === undefined || s === store));
    res.json({ store: store ?? null, ...pageAlerts(alerts, n, cursor) });
  };
}
