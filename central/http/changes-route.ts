// GET /api/changes/recent[?store=s1&limit=200] — the latest changes reaching central, read from
// the databases' `_changes` (central/recent-changes), for the change feed to start with and to
// catch up from when /api/events answers `reset`. Chain admins: catalog, customers and every
// store (or one, `store`); a store manager: their own store only, as /api/events scopes them
// (another store: 403). `limit` 1–500, default 200: a window of the latest, not a history to page
// through (the audit and conflict pages page). `lastEventId` is the bus's newest id read BEFORE
// the databases: a stream opened from it replays whatever reached central meanwhile.
import type { Request, Response } from 'express';
import type Nano from 'nano';
import { ProntoError } from '../../validators/errors.js';
import { STORE_ID } from '../../validators/schemas/common.js';
import type { EventBus } from '../events/event-bus.js';
import { readRecentChanges } from '../recent-changes/index.js';
import { listStores } from '../setup/list-stores.js';
import type { ScopeLocals } from './store-scope.js';

const STORE = new RegExp(`^${STORE_ID}$`);
export const RECENT_LIMIT = { default: 200, max: 500 } as const;

const bad = (param: string, message: string, value: unknown) => new ProntoError('BAD_REQUEST', `${param}: ${message}`, { param, value });

function limitOf(raw: unknown): number {
  if (raw === undefined) return RECENT_LIMIT.default;
  const n = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= RECENT_LIMIT.max)) throw bad('limit', `must be a whole number from 1 to ${RECENT_LIMIT.max}`, raw);
  return n;
}

export function recentChangesRoute(deps: { nano: Nano.ServerScope; bus: EventBus }) {
  return async (req: Request, res: Response): Promise<void> => {
    const limit = limitOf(req.query.limit);
    const store = req.query.store;
    if (store !== undefined && (typeof store !== 'string' || !STORE.test(store))) throw bad('store', 'must be a store id such as "s1"', store);
    const { scope } = res.locals as ScopeLocals;
    if (store !== undefined && scope.stores !== null && !scope.stores.includes(store)) {
      throw new ProntoError('FORBIDDEN', `a store manager sees only the changes of their own store (${scope.stores.join(', ')})`, { store });
    }
    const lastEventId = deps.bus.latestId();
    const stores = store !== undefined ? [store] : scope.stores ?? (await listStores(deps.nano)).map((s) => s.store);
    const dbs = [...(store === undefined && scope.stores === null ? ['catalog', 'customers'] : []), ...stores.map((s) => `store-${s}`)];
    res.setHeader('Cache-Control', 'no-store');
    res.json({ lastEventId, limit, changes: await readRecentChanges(deps.nano, dbs, limit) });
  };
}
