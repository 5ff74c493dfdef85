// Whether a till has gone silent, pure, judged by central's clock. A till rewrites its
// `store-status` at least every `intervalMs` (store-client/status-reporter's heartbeat); one not
// heard for more than two intervals is `stale`: offline, closed, or stuck. "Heard" is when
// central relayed its verified report (tills-heard.ts), by central's clock. A report central
// has not seen arrive since it started counts from the till's own `reportedAt`, but never from
// later than central's start: a till whose clock runs ahead cannot look alive for longer.

export const DEFAULT_REPORT_INTERVAL_MS = 60_000;

export interface LivenessInput {
  /** When central relayed this till's latest report, by central's clock, ms. */
  heardAtMs?: number;
  /** The report's own `reportedAt` (ISO), by the till's corrected clock. */
  reportedAt?: unknown;
  /** The report's `intervalMs`. */
  intervalMs?: unknown;
  /** When central began listening (this process's start), ms. */
  listeningSinceMs: number;
}

export interface Liveness {
  /** ISO time the till was last heard from, as far as central can tell; null when never. */
  lastHeardAt: string | null;
  stale: boolean;
}

export function tillLiveness(input: LivenessInput, nowMs: number): Liveness {
  const interval = typeof input.intervalMs === 'number' && input.intervalMs > 0 ? input.intervalMs : DEFAULT_REPORT_INTERVAL_MS;
  const claimed = typeof input.reportedAt === 'string' ? Date.parse(input.reportedAt) : NaN;
  const fromReport = Number.isNaN(claimed) ? undefined : Math.min(claimed, input.listeningSinceMs);
  const heard = input.heardAtMs ?? fromReport;
  if (heard === undefined) return { lastHeardAt: null, stale: true };
  return { lastHeardAt: new Date(heard).toISOString(), stale: nowMs - heard > 2 * interval };
}
