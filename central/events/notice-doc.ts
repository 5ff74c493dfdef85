// Which admin notices travel to the other central instances through `pronto-notices`
// (notice-relay.ts), and the document they travel in. Pure: times and origins are arguments.
import type { ProntoEventType } from './event-bus.js';

/**
 * Every event type, and whether another instance needs it relayed. `own`: every instance derives
 * it itself, so relaying it would show it twice:
 * - `change` — each instance's change feed publishes one per change (central/feed/feed-jobs.ts);
 * - `store.status` — each feed relays every signed till status it reads (devices/status-relay.ts);
 * - `conflict.detected` — each resolver announces what it sees before it races to record it
 *   (conflicts/resolve-document.ts);
 * - `clock.ahead` — about this process's own clock, rate-limited per process (clock/report-ahead.ts).
 * `relay`: published only by the instance whose write won or whose API was called (quarantine,
 * resolution, tamper, merge, refusals, keys, enrolment requests). A Record, so a new type must
 * be placed here before it compiles.
 */
const ROUTE: Readonly<Record<ProntoEventType, 'relay' | 'own'>> = {
  change: 'own', 'store.status': 'own', 'conflict.detected': 'own', 'clock.ahead': 'own',
  'conflict.resolved': 'relay', 'conflict.queued': 'relay', 'duplicate.merged': 'relay', 'sale.quarantined': 'relay',
  'sale.quarantine-lifted': 'relay', 'store-doc.flagged': 'relay', 'tamper.detected': 'relay', 'void.twice': 'relay',
  'device.key': 'relay', 'approver.key': 'relay', 'upload.refused': 'relay', 'refusal.dismissed': 'relay',
  'refusal.accepted': 'relay', 'device.request': 'relay',
};

/** Whether an event of `type` is written for the other instances. */
export const isRelayed = (type: string): type is ProntoEventType => Object.hasOwn(ROUTE, type) && ROUTE[type as ProntoEventType] === 'relay';

export interface NoticeDoc {
  /** `<wall ms, 15 digits>-<origin>-<n>`: sorts by time, so the old ones are one `_all_docs` range. */
  _id: string;
  /** The writing process (a random id per start). */
  origin: string;
  type: ProntoEventType;
  at: string;
  data: Record<string, unknown>;
}

export function noticeDoc(origin: string, n: number, atMs: number, type: ProntoEventType, data: Record<string, unknown>): NoticeDoc {
  return { _id: `${timeKey(atMs)}-${origin}-${n}`, origin, type, at: new Date(atMs).toISOString(), data };
}

/** The `_all_docs` endkey before which every notice is older than `ms`. */
export const noticesBefore = (ms: number): string => timeKey(ms);

const timeKey = (ms: number): string => String(Math.max(0, Math.floor(ms))).padStart(15, '0');

/** What to publish locally from a `_changes` batch: the notices another origin wrote, of relayed types, in feed order. */
export function othersNotices(docs: readonly unknown[], origin: string): Array<{ type: ProntoEventType; data: Record<string, unknown> }> {
  const out: Array<{ type: ProntoEventType; data: Record<string, unknown> }> = [];
  for (const doc of docs) {
    if (typeof doc !== 'object' || doc === null) continue;
    const d = doc as Partial<NoticeDoc> & { _deleted?: boolean };
    if (d._deleted === true || typeof d.origin !== 'string' || d.origin === origin) continue;
    if (typeof d.type !== 'string' || !isRelayed(d.type)) continue;
    if (typeof d.data !== 'object' || d.data === null || Array.isArray(d.data)) continue;
    out.push({ type: d.type, data: d.data });
  }
  return out;
}
