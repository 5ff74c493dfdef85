// Records CouchDB's permission refusals (401/403) seen through /db in the audit trail, bounded per
// caller: at most PER_WINDOW entries a minute for one caller (an authenticated name, or the IP
// of an anonymous one), the rest counted and reported with the next entry, so neither a client
// retrying in a loop nor an anonymous scan of new paths can grow the trail. The actor is named
// only when CouchDB authenticated it (a 403: it knew who asked and said no); a 401 is anonymous,
// with the name it claimed kept apart as `claimed`. Never the password, never the query string.
// Refusals of single documents inside a 201 `_bulk_docs` answer are the store's to report.
import type { AuditWriter } from '../../audit/append-audit.js';
import type { CallerClaim } from './caller.js';

const WINDOW_MS = 60_000;
const PER_WINDOW = 5;
const MAX_CALLERS = 10_000;

export interface Refusal { status: number; method: string; path: string; ip: string; claim: CallerClaim }

export function createRefusalAudit(audit: Pick<AuditWriter, 'append'>, report: (err: Error) => void, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; written: number; suppressed: number }>();
  return (r: Refusal): void => {
    if (r.status !== 401 && r.status !== 403) return;
    const actor = r.status === 403 && r.claim.name !== undefined ? r.claim.name : '(anonymous)';
    const caller = actor === '(anonymous)' ? `ip:${r.ip}` : `name:${actor}`;
    let w = windows.get(caller);
    if (w === undefined || now() - w.start >= WINDOW_MS) {
      if (windows.size >= MAX_CALLERS) windows.delete(windows.keys().next().value!);
      w = { start: now(), written: 0, suppressed: w?.suppressed ?? 0 };
      windows.set(caller, w);
    }
    if (w.written >= PER_WINDOW) {
      w.suppressed += 1;
      return;
    }
    w.written += 1;
    const suppressed = w.suppressed;
    w.suppressed = 0;
    const path = r.path.split('?')[0]!.slice(0, 200);
    const details: Record<string, unknown> = { method: r.method, status: r.status, ip: r.ip };
    if (actor === '(anonymous)' && r.claim.name !== undefined) details.claimed = r.claim.name;
    if (suppressed > 0) details.suppressedBefore = suppressed;
    audit.append({ actor, action: 'db.denied', target: path, details }).catch(report);
  };
}
