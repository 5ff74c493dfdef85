// How long a virtual till waits on central before it gives a request up, and how soon it tries
// again: the POS's (store-client/pos/services/open-till.ts: the watchdog fetch's defaults, the
// sync manager's default heartbeat, a back-off of 1 s doubling to 30 s). A simulated till that
// gives up sooner than a real one measures the simulator, not central: with a 10 s watchdog, a
// 5 s heartbeat plus 2 s and retries from 0.2 s, a 500-store run on a busy machine had every
// request that waited 7–10 s in central's queue abandoned and sent again, adding load where
// there was too much (docs/OPERATIONS.md, "Scale on one machine"). Pure data.
import { DEFAULT_HEARTBEAT_MARGIN_MS, DEFAULT_HEARTBEAT_MS, DEFAULT_IDLE_MS, DEFAULT_SYNC_SETTINGS, type WatchdogOptions } from '../../store-client/index.js';

export interface TillTimings {
  /** The watchdog fetch's silence limits (watchdog-fetch.ts). */
  watchdog: Required<Omit<WatchdogOptions, 'fetch'>>;
  /** Heartbeat asked of central's live long-polls, ms. */
  heartbeatMs: number;
  /** The sync manager's back-off between retries, ms. */
  backoff: { baseMs: number; maxMs: number };
}

/** What a till in the POS uses when settings:sync says nothing. */
export const POS_TILL_TIMINGS: Readonly<TillTimings> = Object.freeze({
  watchdog: { idleMs: DEFAULT_IDLE_MS, heartbeatMarginMs: DEFAULT_HEARTBEAT_MARGIN_MS },
  heartbeatMs: DEFAULT_HEARTBEAT_MS,
  backoff: { baseMs: DEFAULT_SYNC_SETTINGS.retryMinMs, maxMs: DEFAULT_SYNC_SETTINGS.retryMaxMs },
});
