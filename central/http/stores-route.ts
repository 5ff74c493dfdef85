// GET /api/stores: every store in the catalog with the last status each of its tills reported,
// and whether the till has gone silent (`stale`, by central's clock: devices/till-liveness).
import type { Request, Response } from 'express';
import type Nano from 'nano';
import { couchError, isStatus } from '../couch/errors.js';
import { tillLiveness } from '../devices/till-liveness.js';
import { watchTillsHeard } from '../devices/tills-heard.js';
import type { EventBus } from '../events/event-bus.js';
import { listStores } from '../setup/list-stores.js';

export interface StoresRouteDeps {
  couch: { nano: Nano.ServerScope };
  bus: EventBus;
}

export function storesRoute(deps: StoresRouteDeps, now: () => number = Date.now) {
  const heard = watchTillsHeard(deps.bus, now);
  const tillsOf = async (store: string): Promise<Array<Record<string, unknown>>> => {
    const db = `store-${store}`;
    let rows: Array<{ doc?: Record<string, unknown> | null }>;
    try {
      rows = (await deps.couch.nano.use<Record<string, unknown>>(db).list({ startkey: 'store-status:', endkey: 'store-status;', include_docs: true })).rows;
    } catch (err) {
      if (isStatus(err, 404)) return []; // a store in the catalog whose database is not set up yet
      throw couchError(err, `listing the tills of ${store}`);
    }
    const at = now();
    return rows.flatMap((row) => {
      const doc = row.doc;
      if (!doc || typeof doc._id !== 'string') return [];
      const liveness = tillLiveness({ heardAtMs: heard.heardAt(db, doc._id), reportedAt: doc.reportedAt, intervalMs: doc.intervalMs, listeningSinceMs: heard.since }, at);
      return [{ ...doc, ...liveness }];
    });
  };
  return async (_req: Request, res: Response): Promise<void> => {
    const stores = await listStores(deps.couch.nano);
    const withStatus = await Promise.all(stores.map(async (s) => ({ ...s, tills: await tillsOf(s.store) })));
    res.json({ stores: withStatus });
  };
}
