// The console's panel, read from views and the audit trail: per store its tills, today's takings
// net of refunds, quarantined, refused and conflicts waiting (GET /api/stores), and the alerts
// that need a human (GET /api/alerts). Stores are read a few at a time.
import type Nano from 'nano';
import { countAudit } from '../audit/browse-audit.js';
import { mapLimit } from '../conflicts/map-limit.js';
import type { DeviceRegistry } from '../devices/device-registry.js';
import type { EventBus } from '../events/event-bus.js';
import { listStores, type StoreEntry } from '../setup/list-stores.js';
import { buildAlerts, type Alert } from './build-alerts.js';
import { negativeStockReader } from './negative-stock.js';
import { storeFigures, type StoreFigures } from './store-figures.js';
import { tillReports, type TillReport } from './till-reports.js';

export { ALERT_KINDS, type Alert, type AlertKind } from './build-alerts.js';
export { pageAlerts, type AlertPage } from './page-alerts.js';

/** Tamper incidents raise an alert for this long after central settled them. */
export const TAMPER_WINDOW_MS = 7 * 24 * 3_600_000;
const IN_FLIGHT = 6;

export interface PanelDeps { nano: Nano.ServerScope; bus: EventBus; devices?: DeviceRegistry }

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
  const storesIn = async (inScope: (store: string) => boolean) => (await listStores(deps.nano)).filter((s) => inScope(s.store));
  const panelOf = async (s: StoreEntry): Promise<StorePanel> => {
    const [t, figures] = await Promise.all([tills(s.store), storeFigures(deps.nano, s.store, s.timezone, now())]);
    return { ...s, tills: t, figures };
  };
  return {
    async stores(inScope) {
      return mapLimit(await storesIn(inScope), IN_FLIGHT, panelOf);
    },
    async alerts(inScope) {
      const since = new Date(now() - TAMPER_WINDOW_MS).toISOString();
      const perStore = await mapLimit(await storesIn(inScope), IN_FLIGHT, async (s) => {
        const [panel, negative, tamper] = await Promise.all([
          panelOf(s), negativeStock(s.store), countAudit(deps.nano, { action: 'tamper.detected', store: s.store }, since),
        ]);
        return buildAlerts({ store: s.store, name: s.name, figures: panel.figures, tills: panel.tills, negativeStock: negative, tamper });
      });
      return perStore.flat();
    },
  };
}
