// A store document's dates against central's clock, pure. Tills keep their own clocks and may be
// offline for days, so the window is wide but not open: no stamp (the id's, `updatedAt`) more
// than `maxClockSkewMin` minutes ahead of central, none more than `maxOfflineDays` behind, and
// the business day (the store's calendar date) within one day of the document's own stamp's UTC
// date, which is as far apart as time zones put them.
import { ownStamp, idStamp, tryParseStamp } from './doc-stamps.js';
import type { Rule, Verdict } from './types.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A duration for people: "25 min", "5 h", "3652 days". */
export function span(ms: number): string {
  if (ms < 120 * MINUTE) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < 48 * 60 * MINUTE) return `${Math.floor(ms / (60 * MINUTE))} h`;
  return `${Math.floor(ms / DAY)} days`;
}

export const stampWindow: Rule = (doc, ctx) => {
  const { maxClockSkewMin, maxOfflineDays } = ctx.settings;
  const fields: Array<[string, string | null]> = [['_id', idStamp(doc._id)], ['updatedAt', doc.updatedAt]];
  const seen = new Set<string>();
  return fields.flatMap(([field, stamp]): Verdict[] => {
    if (stamp === null || seen.has(stamp)) return [];
    seen.add(stamp);
    const parsed = tryParseStamp(stamp);
    if (!parsed) return [{ level: 'quarantine', reason: `${doc.type}/${field}: ${stamp} is not a valid stamp` }];
    const at = new Date(parsed.wallMs).toISOString();
    if (parsed.wallMs - ctx.now > maxClockSkewMin * MINUTE) {
      return [{ level: 'quarantine', reason: `${doc.type}/${field} is stamped ${at}, ${span(parsed.wallMs - ctx.now)} ahead of central's clock (${maxClockSkewMin} min allowed)` }];
    }
    if (ctx.now - parsed.wallMs > maxOfflineDays * DAY) {
      return [{ level: 'quarantine', reason: `${doc.type}/${field} is stamped ${at}, ${span(ctx.now - parsed.wallMs)} before central's clock (${maxOfflineDays} days offline allowed)` }];
    }
    return [];
  });
};

export const businessDayNearStamp: Rule = (doc) => {
  if (doc.type === 'move') return [];
  const parsed = tryParseStamp(ownStamp(doc));
  if (!parsed) return []; // stampWindow reports it
  const stampDay = new Date(parsed.wallMs).toISOString().slice(0, 10);
  const apart = Math.abs(Date.parse(`${doc.businessDay}T00:00:00Z`) - Date.parse(`${stampDay}T00:00:00Z`));
  if (apart <= DAY) return [];
  return [{ level: 'quarantine', reason: `${doc.type}/businessDay ${doc.businessDay} is more than a day from its stamp's date (${stampDay} UTC)` }];
};
