// The simulator's random choices, pure: which action a till takes next, how long it waits, and
// its offline windows. Every choice draws from one seeded stream (mulberry32), so a seed replays
// the same choices; only replication's timing differs between two runs, which is the point.

export type Action = 'sell' | 'return' | 'edit';

/** Weights: mostly sales; a return now and then; a price edit at central (two admins at once: a conflict). */
export const ACTION_WEIGHTS: ReadonlyArray<readonly [Action, number]> = [['sell', 88], ['return', 7], ['edit', 5]];

export function chooseAction(r: number): Action {
  const total = ACTION_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let at = r * total;
  for (const [action, weight] of ACTION_WEIGHTS) if ((at -= weight) < 0) return action;
  return 'sell';
}

/** A pause around `meanMs`: uniform in [0.5, 1.5) × mean. */
export const pauseMs = (r: number, meanMs: number): number => Math.round(meanMs * (0.5 + r));

/**
 * Length of the next window of a till that is now `online` or not, exponential around its mean:
 * offline windows average `offlineMeanMs`, online ones `offlineMeanMs × (1 − rate) / rate`, so
 * over a long run the till is offline `rate` of the time. Rate 0: never offline; rate 1: never online.
 */
export function windowMs(r: number, online: boolean, rate: number, offlineMeanMs: number): number {
  if (online && rate === 0) return Number.POSITIVE_INFINITY;
  if (!online && rate === 1) return Number.POSITIVE_INFINITY;
  const mean = online ? (offlineMeanMs * (1 - rate)) / rate : offlineMeanMs;
  return Math.max(50, Math.round(-Math.log(1 - r) * mean));
}

/** Whether a till starts its run offline: with probability `rate`, as a till seen at a random moment. */
export const startsOffline = (r: number, rate: number): boolean => r < rate;
