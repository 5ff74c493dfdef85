// How soon the supervisor restarts a dead embedded server, pure: the delay doubles with each crash
// in a row (so a server that cannot start does not spin), and the supervisor counts crashes in a
// row from zero again once a child has stayed up for `healthyAfterMs` — so a crash every half
// minute, caused by one request, can never grow into a lasting outage.
import { backoffDelay } from '../../store-client/index.js';

export interface RestartPolicy {
  /** First restart delay, ms. */
  baseMs: number;
  /** Longest restart delay, ms. */
  maxMs: number;
  /** A child up this long counts as healthy: the next crash starts the back-off over. */
  healthyAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { baseMs: 250, maxMs: 30_000, healthyAfterMs: 60_000 };

/** Delay before restarting after the `crashesInARow`-th crash in a row (1 = first). */
export function restartDelay(crashesInARow: number, policy: RestartPolicy): number {
  // No jitter: one child, nothing to spread out.
  return backoffDelay(Math.max(crashesInARow - 1, 0), { baseMs: policy.baseMs, maxMs: policy.maxMs }, () => 1);
}
