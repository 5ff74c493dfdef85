// How the panel shows an alert from GET /api/alerts (pure): where each kind is handled, as a
// console address with the page's filter (`#/tills?store=s1`), and the words that go with it.
// Tampering is read in the audit trail, a chain admin's page; a store manager is sent to the
// store's tills instead.
import type { Alert } from '../../validators/api/panel.js';
import { isChainAdmin } from './roles.js';
import type { SessionUser } from './api.js';

/** The SSE events after which the alerts may have changed. */
export const ALERT_EVENTS = [
  'sale.quarantined', 'sale.quarantine-lifted', 'upload.refused', 'refusal.dismissed', 'conflict.queued', 'conflict.resolved',
  'tamper.detected', 'void.twice', 'store.status',
] as const;

const at = (page: string, query: Record<string, string>): string => `#/${page}?${new URLSearchParams(query).toString()}`;

export function alertLink(alert: Pick<Alert, 'kind' | 'store'>, user: SessionUser | null): string {
  const store = alert.store;
  switch (alert.kind) {
    case 'tamper': return isChainAdmin(user) ? at('audit', { action: 'tamper.detected', store }) : at('tills', { store });
    case 'conflicts': return at('conflicts', { store });
    case 'negative-stock': return at('feed', { store, type: 'sale' });
    default: return at('tills', { store });
  }
}

/** What fills the `{tills}` and `{skus}` of an alert's sentence: the first few, then "…". */
export function alertParams(alert: Alert): Record<string, string | number> {
  const few = (xs: string[]) => (xs.length > 5 ? `${xs.slice(0, 5).join(', ')}…` : xs.join(', '));
  return {
    count: alert.count,
    tills: few((alert.tills ?? []).map((t) => t.device)),
    skus: few((alert.skus ?? []).map((s) => `${s.sku} (${s.qty})`)),
  };
}
