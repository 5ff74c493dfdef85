// Retry delays for the SyncManager, pure: randomness is passed in so tests are deterministic.
// Jitter spreads a chain's tills out so they do not all hit central the second it comes back
// (see AWS Architecture Blog, "Exponential Backoff And Jitter", 2015).

export interface BackoffOptions {
  /** First delay's ceiling, ms (default 1000). */
  baseMs?: number;
  /** Upper bound of any delay, ms (default 60000). */
  maxMs?: number;
  /** `full`: uniform in [0, min(max, base·2^attempt)]; `decorrelated`: uniform in [base, 3·previous]. */
  jitter?: 'full' | 'decorrelated';
  /** The delay returned last time, for decorrelated jitter (default baseMs). */
  previousMs?: number;
}

/** Delay before retry number `attempt` (0 = first retry), always within [0, maxMs]. */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const baseMs = Math.max(0, options.baseMs ?? 1000);
  const maxMs = Math.max(0, options.maxMs ?? 60000);
  const drawn = random();
  const r = Number.isFinite(drawn) ? Math.min(Math.max(drawn, 0), 1) : 1;
  if (options.jitter === 'decorrelated') {
    const previous = Math.max(options.previousMs ?? baseMs, baseMs);
    return Math.min(maxMs, Math.round(baseMs + r * (previous * 3 - baseMs)));
  }
  // Capping the exponent keeps 2 ** attempt finite for absurd attempt counts.
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.round(r * ceiling);
}
