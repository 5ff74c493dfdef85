// Central's hybrid logical clock (node id `central`): stamps for what central and admins write.
// Kept in memory: across a restart the wall clock moves it forward, and `observe` lets it follow
// stamps it reads, so central's writes sort after what it has seen.
import { initialState, receive, tick, type HlcState } from '../store-client/hlc.js';

export interface CentralClock {
  next(): string;
  observe(stamp: string): void;
}

const MAX_DRIFT_MS = 24 * 3_600_000;

export function createCentralClock(node = 'central', now: () => number = Date.now): CentralClock {
  let state: HlcState = initialState(node);
  return {
    next() {
      const t = tick(state, now());
      state = t.state;
      return t.stamp;
    },
    observe(stamp) {
      try {
        state = receive(state, stamp, now(), MAX_DRIFT_MS);
      } catch {
        // A stamp far in the future is not adopted (HLC drift guard); central keeps its own time.
      }
    },
  };
}
