// Measures central's clock: one small GET to central's own HTTP server (not the CouchDB behind
// `/db`, whose clock may differ, and outside the service worker's scope, so never a cached
// answer), timed on the device clock; its `Date` header is central's time to the second
// (store-client/central-time.ts turns it into an offset). /api/health answers without login.
import type { TimeSample } from '../../browser.js';

const PROBE_TIMEOUT_MS = 8000;

/** One sample, or undefined when central cannot be reached. */
export async function probeCentralTime(now: () => number = Date.now): Promise<TimeSample | undefined> {
  const sentMs = now();
  try {
    const res = await fetch('/api/health', { cache: 'no-store', credentials: 'omit', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    const receivedMs = now();
    await res.body?.cancel();
    return { sentMs, receivedMs, date: res.headers.get('Date') };
  } catch {
    return undefined; // offline: the device clock is all there is until central answers
  }
}
