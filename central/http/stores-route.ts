// GET /api/stores: every store in the catalog with the last status each of its tills reported.
import type { Request, Response } from 'express';
import { listStores } from '../setup/list-stores.js';
import type { CentralState } from '../state.js';

export function storesRoute(state: CentralState) {
  return async (_req: Request, res: Response, next: (err: unknown) => void): Promise<void> => {
    try {
      const stores = await listStores(state.couch.nano);
      const withStatus = await Promise.all(stores.map(async (s) => {
        const r = await state.couch.nano.use(`store-${s.store}`).list({ startkey: 'store-status:', endkey: 'store-status;', include_docs: true })
          .catch(() => ({ rows: [] as Array<{ doc?: unknown }> }));
        return { ...s, tills: r.rows.map((row) => row.doc) };
      }));
      res.json({ stores: withStatus });
    } catch (err) {
      next(err);
    }
  };
}
