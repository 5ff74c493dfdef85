// GET /api/stats?from=YYYY-MM-DD&to=YYYY-MM-DD&store=<id>: the console's statistics page —
// changes synced per hour, sales per hour net of returns, conflicts per day by strategy and
// outcome, and upload lag per store (central/stats). Chain admins read every store or one;
// a store manager their own store only (another is a 403); anyone else 403 (store-scope.ts).
// Read-only: nothing to audit but refusals, which requireStoreReader audits.
import type { Request, Response } from 'express';
import type Nano from 'nano';
import { parseStatsQuery, readStats } from '../stats/index.js';
import type { ScopeLocals } from './store-scope.js';

export function statsRoute(deps: { nano: Nano.ServerScope }, now: () => number = Date.now) {
  return async (req: Request, res: Response): Promise<void> => {
    const q = parseStatsQuery(req.query as Record<string, unknown>, (res.locals as ScopeLocals).scope.stores, now());
    res.json(await readStats(deps.nano, q));
  };
}
