// Whether a till has gone silent, pure, judged by central's clock. A till rewrites its
// `store-status` at least every `intervalMs` (store-client/status-reporter's heartbeat). It is
// `stale` (offline, closed, or stuck) once silent for two intervals, or sooner when central's
// limit (`silentAfterMs`, config TILL_SILENT_AFTER_S) is shorter — but never before one interval
// plus a grace for replication, so a till that keeps its heartbeat never flickers stale.
// "Heard" is when central relayed its verified report (tills-heard.ts), by central's clock. A
// report central has not seen arrive since it started counts from the till's own `reportedAt`,
// but never from later than central's start: a till whose clock runs ahead cannot look alive
// for longer.

export const DEFAULT_REPORT_INTERVAL_MS = 60_000;
/** Central's default limit: the console shows a silent till within this (plus its refresh). */
export const DEFAULT_SILENT_AFTER_MS = 45_000;
/** What a heartbeat may take to reach central (replication batching, a slow link). */
export const HEARTBEAT_GRACE_MS = 5_000;

export interface LivenessInput {
  /** When central relayed this till's latest report, by central's clock, ms. */
  heardAtMs?: number;
  /** The report's own `reportedAt` (ISO), by the till's corrected clock. */
  reportedAt?: unknown;
  /** The report's `intervalMs`. */
  intervalMs?: unknown;
  /** When central began listening (this process's start), ms. */
  listeningSinceMs: number;
  /** Central's limit, ms; default DEFAULT_SILENT_AFTER_MS. */
  silentAfterMs?: number;
}

export interface Liveness {
  /** ISO time the till was last heard from, as far as central can tell; null when never. */
  lastHeardAt: string | null;
  stale: boolean;
}

/** How long a till reporting every `intervalMs` may be silent before it is stale, ms. */
export function silenceAllowed(intervalMs: number, silentAfterMs: number = DEFAULT_SILENT_AFTER_MS): number {
  return Math.max(Math.min(2 * intervalMs, silentAfterMs), intervalMs + HEARTBEAT_GRACE_MS);
}

export function tillLiveness(input: LivenessInput, nowMs: number): Liveness {
  const interval = typeof input.intervalMs === 'number' && input.intervalMs > 0 ? input.intervalMs : DEFAULT_REPORT_INTERVAL_MS;
  const claimed = typeof input.reportedAt === 'string' ? Date.parse(input.reportedAt) : NaN;
  const fromReport = Number.isNaN(claimed) ? undefined : Math.min(claimed, input.listeningSinceMs);
  const heard = input.heardAtMs ?? fromReport;
  if (heard === undefined) return { lastHeardAt: null, stale: true };
  return { lastHeardAt: new Date(heard).toISOString(), stale: nowMs - heard > silenceAllowed(interval, input.silentAfterMs) };
}
