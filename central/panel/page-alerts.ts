// Orders the chain's alerts (most serious kind first, then stores as people count them: s2
// before s10) and cuts one page after a cursor, pure. The cursor names the last alert shown by
// its place in that order, not by position, so a page after an alert that has since cleared
// still starts at the right place and nothing is shown twice.
import { ProntoError } from '../../validators/index.js';
import { ALERT_KINDS, type Alert, type AlertKind, type AlertPage } from '../../validators/api/panel.js';

type Place = [kindRank: number, store: string];

const placeOf = (a: Pick<Alert, 'kind' | 'store'>): Place => [ALERT_KINDS.indexOf(a.kind), a.store];

function compare([ka, sa]: Place, [kb, sb]: Place): number {
  return ka - kb || sa.localeCompare(sb, 'en', { numeric: true }) || (sa < sb ? -1 : sa > sb ? 1 : 0);
}

export function inAlertOrder(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort((a, b) => compare(placeOf(a), placeOf(b)));
}

export function pageAlerts(alerts: readonly Alert[], limit: number, cursor?: string): AlertPage {
  const ordered = inAlertOrder(alerts);
  const after = cursor === undefined ? undefined : decodeAlertCursor(cursor);
  const rest = after === undefined ? ordered : ordered.filter((a) => compare(placeOf(a), after) > 0);
  const page = rest.slice(0, limit);
  const last = page.at(-1);
  return { total: ordered.length, alerts: page, nextCursor: rest.length > limit && last ? encodeAlertCursor(last) : null };
}

export const encodeAlertCursor = (a: Pick<Alert, 'kind' | 'store'>): string => `${a.kind}:${a.store}`;

export function decodeAlertCursor(cursor: string): Place {
  const at = cursor.indexOf(':');
  const kind = cursor.slice(0, at) as AlertKind;
  const store = cursor.slice(at + 1);
  if (at < 0 || !ALERT_KINDS.includes(kind) || !/^[a-z0-9][a-z0-9-]{0,30}$/.test(store)) {
    throw new ProntoError('BAD_REQUEST', 'cursor: must be the nextCursor of a previous page', { param: 'cursor', value: cursor });
  }
  return [ALERT_KINDS.indexOf(kind), store];
}
