// The console's panel, read from views and the audit trail: per store its tills, today's takings
// net of refunds, quarantined, refused and conflicts waiting (GET /api/stores), and the alerts
// that need a human (GET /api/alerts). Stores are read a few at a time.
import type Nano from 'nano';
import { countAudit } from '../audit/browse-audit.js';
import { mapLimit } from '../map-limit.js';
import type { DeviceRegistry } from '../devices/device-registry.js';
import type { EventBus } from '../events/event-bus.js';
import { listStores, type StoreEntry } from '../setup/list-stores.js';
import type { Alert, StoreFigures } from '../../validators/api/panel.js';
import { buildAlerts } from './build-alerts.js';
import { negativeStockReader } from './negative-stock.js';
import { emptyFigures, storeDay, storeFigures } from './store-figures.js';
import { couchError } from '../couch/errors.js';
import { tillReports, type TillReport } from './till-reports.js';

export { ALERT_KINDS, type Alert, type AlertKind, type AlertPage, type StoreFigures } from '../../validators/api/panel.js';
export { pageAlerts } from './page-alerts.js';

/** Tamper incidents raise an alert for this long after central settled them. */
export const TAMPER_WINDOW_MS = 7 * 24 * 3_600_000;
const IN_FLIGHT = 6;

export interface PanelDeps {
  nano: Nano.ServerScope;
  bus: EventBus;
  devices?: DeviceRegistry;
  /** How long a till may be silent before it is stale, ms; default till-liveness's (config TILL_SILENT_AFTER_S). */
  tillSilentAfterMs?: number;
}

export interface StorePanel extends StoreEntry { tills: TillReport[]; figures: StoreFigures }

export interface Panel {
  /** The stores `inScope` lets through, each with its tills and figures. */
  stores(inScope: (store: string) => boolean): Promise<StorePanel[]>;
  /** Every alert of those stores, unordered. */
  alerts(inScope: (store: string) => boolean): Promise<Alert[]>;
}

export function createPanel(deps: PanelDeps, now: () => number = Date.now): Panel {
  const tills = tillReports(deps, now);
  const negativeStock = negativeStockReader(deps.nano);
  /** The stores in scope, and whether each has its database yet (one `_all_dbs`, not a 404 per view). */
  const storesIn = async (inScope: (store: string) => boolean) => {
    const [stores, dbs] = await Promise.all([listStores(deps.nano), allDbs(deps.nano)]);
    return stores.filter((s) => inScope(s.store)).map((s) => ({ ...s, ready: dbs.has(`store-${s.store}`) }));
  };
  const panelOf = async (s: StoreEntry & { ready: boolean }): Promise<StorePanel> => {
    const { ready, ...entry } = s;
    if (!ready) return { ...entry, tills: [], figures: emptyFigures(storeDay(now(), entry.timezone)) };
    const [t, figures] = await Promise.all([tills(s.store), storeFigures(deps.nano, s.store, s.timezone, now())]);
    return { ...entry, tills: t, figures };
  };
  return {
    async stores(inScope) {
      return mapLimit(await storesIn(inScope), IN_FLIGHT, panelOf);
    },
    async alerts(inScope) {
      const since = new Date(now() - TAMPER_WINDOW_MS).toISOString();
      const perStore = await mapLimit(await storesIn(inScope), IN_FLIGHT, async (s) => {
        const [panel, negative, tamper] = await Promise.all([
          panelOf(s), s.ready ? negativeStock(s.store) : { count: 0, skus: [] }, countAudit(deps.nano, { action: 'tamper.detected', store: s.store }, since),
        ]);
        return buildAlerts({ store: s.store, name: s.name, figures: panel.figures, tills: panel.tills, negativeStock: negative, tamper });
      });
      return perStore.flat();
    },
  };
}

async function allDbs(nano: Nano.ServerScope): Promise<Set<string>> {
  try {
    return new Set(await nano.db.list());
  } catch (err) {
    throw couchError(err, 'listing the databases');
  }
}
