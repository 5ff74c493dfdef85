// When the status reporter writes next, pure. A change of state is written at once, except a
// flip between `online` and `syncing`: live replication makes that flip on every batch,
// including the push of the status document itself, so writing it at once would feed back
// into a write loop. Everything else waits for `minIntervalMs` since the last write, and never
// longer, whatever the clock did meanwhile (a clock that went back must not park a write).

import type { SyncState } from './sync-status.js';

export interface WriteDelayInput {
  /** State of the last write, undefined before the first one. */
  writtenState: SyncState | undefined;
  /** Time of the last write, ms. */
  writtenAt: number;
  nextState: SyncState;
  nowMs: number;
  minIntervalMs: number;
}

const LIVE = new Set<SyncState>(['online', 'syncing']);

/** Milliseconds to wait before writing; 0 = write now. */
export function statusWriteDelay(input: WriteDelayInput): number {
  const { writtenState, writtenAt, nextState, nowMs, minIntervalMs } = input;
  if (writtenState === undefined) return 0;
  const liveFlip = LIVE.has(writtenState) && LIVE.has(nextState);
  if (writtenState !== nextState && !liveFlip) return 0;
  return Math.min(minIntervalMs, Math.max(0, writtenAt + minIntervalMs - nowMs));
}
