// nano's request with an AbortSignal: nano 11 passes `opts.signal` to fetch (lib/nano.js, and its
// own changesreader uses it) but its typings do not declare it. The follower's own requests are
// aborted by stop() and by a timeout, so none of them can hold the follower for good.
import type Nano from 'nano';

export const REQUEST_TIMEOUT_MS = 60_000;

export function abortableRequest(nano: Nano.ServerScope, opts: Nano.RequestOptions, signal?: AbortSignal): Promise<unknown> {
  const bounded = signal ? AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]) : AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  return nano.request({ ...opts, signal: bounded } as Nano.RequestOptions);
}
