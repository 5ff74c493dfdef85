// The alerts that need a human, from what the panel read of each store (pure): tampered
// documents (audited `tamper.detected` within the window), quarantined documents, returns that
// refund more than their sale, refused uploads, tills gone silent, conflicts waiting for an
// admin, and SKUs with negative stock. One alert per kind and store, most serious kind first.
import { ALERT_KINDS, type Alert, type AlertKind, type StoreFigures } from '../../validators/api/panel.js';
import type { NegativeStock } from './negative-stock.js';
import type { TillReport } from './till-reports.js';

export interface StoreFacts {
  store: string;
  name: string;
  figures: StoreFigures;
  tills: readonly TillReport[];
  negativeStock: NegativeStock;
  /** `tamper.detected` entries of this store within the window. */
  tamper: number;
}

const CRITICAL: ReadonlySet<AlertKind> = new Set(['tamper', 'quarantined', 'refund-above-sale', 'silent']);

export function buildAlerts(facts: StoreFacts): Alert[] {
  const { figures } = facts;
  const refundAbove = figures.quarantined.byKind['refund-above-sale'] ?? 0;
  const silent = facts.tills.filter((t) => t.verified && t.stale).map((t) => ({ device: String(t.device ?? t._id), lastHeardAt: t.lastHeardAt }));
  const counts: Record<AlertKind, number> = {
    tamper: facts.tamper,
    // Returns above their sale are quarantined too: counted once, under their own kind.
    quarantined: figures.quarantined.total - refundAbove,
    'refund-above-sale': refundAbove,
    refused: figures.refused,
    silent: silent.length,
    conflicts: figures.conflicts,
    'negative-stock': facts.negativeStock.count,
  };
  return ALERT_KINDS.filter((kind) => counts[kind] > 0).map((kind) => ({
    id: `${kind}:${facts.store}`, kind, severity: CRITICAL.has(kind) ? 'critical' : 'warning',
    store: facts.store, storeName: facts.name, count: counts[kind],
    ...(kind === 'silent' ? { tills: silent } : {}),
    ...(kind === 'negative-stock' ? { skus: facts.negativeStock.skus } : {}),
  }));
}
