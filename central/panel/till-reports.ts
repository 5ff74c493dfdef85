// The last status each till of a store reported (its `store-status:` documents), whether it
// verifies as that till's own (signed by its device key, devices/status-verdict: any account of
// the store could write one), and whether the till has gone silent (`stale`, by central's clock:
// devices/till-liveness). An unverified report says nothing about liveness.
import type Nano from 'nano';
import { couchError, isStatus } from '../couch/errors.js';
import type { DeviceRegistry } from '../devices/device-registry.js';
import { withDevice } from '../devices/key-verdict.js';
import type { SignedDoc } from '../devices/signature-verdict.js';
import { statusVerdict } from '../devices/status-verdict.js';
import { tillLiveness } from '../devices/till-liveness.js';
import { watchTillsHeard } from '../devices/tills-heard.js';
import type { EventBus } from '../events/event-bus.js';

export interface TillReport extends Record<string, unknown> {
  _id: string;
  device?: unknown;
  lastHeardAt: string | null;
  stale: boolean;
  verified: boolean;
  unverified?: string;
}

export interface TillReportsDeps {
  nano: Nano.ServerScope;
  bus: EventBus;
  /** Without a registry (a central with no device keys yet) reports are shown unverified. */
  devices?: DeviceRegistry;
  /** How long a till may be silent before it is stale, ms; default till-liveness's. */
  tillSilentAfterMs?: number;
}

export type TillReader = (store: string) => Promise<TillReport[]>;

export function tillReports(deps: TillReportsDeps, now: () => number = Date.now): TillReader {
  const heard = watchTillsHeard(deps.bus, now);
  const verdictOf = (doc: Record<string, unknown>, store: string): Promise<string | null> => {
    if (!deps.devices) return Promise.resolve('no device registry');
    const signed = doc as unknown as SignedDoc & { type?: unknown };
    return withDevice(deps.devices, signed, (device) => statusVerdict(signed, store, device));
  };
  return async (store) => {
    const db = `store-${store}`;
    let rows: Array<{ doc?: Record<string, unknown> | null }>;
    try {
      rows = (await deps.nano.use<Record<string, unknown>>(db).list({ startkey: 'store-status:', endkey: 'store-status;', include_docs: true })).rows;
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
}
