// GET /api/stores: every store in the catalog with the last status each of its tills reported
// (verified or not, silent or not) and its figures: today's takings net of refunds, quarantined,
// refused and conflicts waiting (central/panel). A store manager sees their own store only
// (store-scope.ts).
import type { Request, Response } from 'express';
import type { Panel } from '../panel/index.js';
import { inScope, type ScopeLocals } from './store-scope.js';

export function storesRoute(panel: Panel) {
  return async (_req: Request, res: Response): Promise<void> => {
    const { scope } = res.locals as ScopeLocals;
    res.json({ stores: await panel.stores((store) => inScope(scope, store)) });
  };
}
