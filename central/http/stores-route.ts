// GET /api/stores: every store in the catalog with the last status each of its tills reported,
// whether it verifies as that till's own (signed by its device key, devices/status-verdict: any
// account of the store could write one), and whether the till has gone silent (`stale`, by
// central's clock: devices/till-liveness). An unverified report says nothing about liveness.
// A store manager sees their own store only (store-scope.ts).
import type { Request, Response } from 'express';
import type Nano from 'nano';
import { couchError, isStatus } from '../couch/errors.js';
import type { DeviceRegistry } from '../devices/device-registry.js';
import { withDevice } from '../devices/key-verdict.js';
import type { SignedDoc } from '../devices/signature-verdict.js';
import { statusVerdict } from '../devices/status-verdict.js';
import { tillLiveness } from '../devices/till-liveness.js';
import { watchTillsHeard } from '../devices/tills-heard.js';
import type { EventBus } from '../events/event-bus.js';
import { listStores } from '../setup/list-stores.js';
import { inScope, type ScopeLocals } from './store-scope.js';

export interface StoresRouteDeps {
  couch: { nano: Nano.ServerScope };
  bus: EventBus;
  /** Without a registry (a central with no device keys yet) reports are shown unverified. */
  deps: { devices?: DeviceRegistry };
  /** How long a till may be silent before it is stale, ms; default till-liveness's. */
  tillSilentAfterMs?: number;
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
    const docs = rows.flatMap((row) => (row.doc && typeof row.doc._id === 'string' ? [row.doc as Record<string, unknown> & { _id: string }] : []));
    return Promise.all(docs.map(async (doc) => {
      const reason = await verdictOf(doc, store);
      const liveness = reason === null
        ? tillLiveness({ heardAtMs: heard.heardAt(db, doc._id), reportedAt: doc.reportedAt, intervalMs: doc.intervalMs, listeningSinceMs: heard.since, silentAfterMs: deps.tillSilentAfterMs }, now())
        : { lastHeardAt: null, stale: true };
      return { ...doc, ...liveness, verified: reason === null, ...(reason === null ? {} : { unverified: reason }) };
    }));
  };
  const verdictOf = (doc: Record<string, unknown>, store: string): Promise<string | null> => {
    const devices = deps.deps.devices;
    if (!devices) return Promise.resolve('no device registry');
    const signed = doc as unknown as SignedDoc & { type?: unknown };
    return withDevice(devices, signed, (device) => statusVerdict(signed, store, device));
  };
  return async (_req: Request, res: Response): Promise<void> => {
    const { scope } = res.locals as ScopeLocals;
    const stores = (await listStores(deps.couch.nano)).filter((s) => inScope(scope, s.store));
    const withStatus = await Promise.all(stores.map(async (s) => ({ ...s, tills: await tillsOf(s.store) })));
    res.json({ stores: withStatus });
  };
}
