// A fetch for PouchDB's http adapter (its `fetch` option) that abandons a request when central
// goes silent: no response, or no byte of body, for longer than the request may be silent.
// A long-poll `_changes` request (`feed=longpoll&heartbeat=H`) gets a newline every H ms while
// it waits, so it may be silent for H + margin; any other request for `idleMs`. Silence is
// measured between bytes, not over the whole request: a slow but moving download goes on.
// Why here and not in the adapter: PouchDB 9's `_changes` computes a `requestTimeout`
// (heartbeat + 5 s) and never applies it, and even applied it would be a whole-request limit
// that a healthy long-poll, answered only by heartbeats, would hit; and every other request
// (revs_diff, bulk_docs, checkpoints) has no limit at all, so one sent on a kept-alive connection
// that went silent (router state lost, Wi-Fi roaming: no reset, no close) waits for ever, in the
// browser as in Node. Seeing the heartbeats needs the body as it arrives, which only a fetch can.

/** Longest silence of an ordinary request by default, ms (the POS's). */
export const DEFAULT_IDLE_MS = 30_000;
/** Added by default to a long-poll's heartbeat for its longest silence, ms (the POS's). */
export const DEFAULT_HEARTBEAT_MARGIN_MS = 5_000;

export interface WatchdogOptions {
  /** Longest silence of an ordinary request, ms (default 30000). */
  idleMs?: number;
  /** Added to a long-poll's heartbeat for its longest silence, ms (default 5000). */
  heartbeatMarginMs?: number;
  /** The fetch to guard (default the global one). */
  fetch?: typeof fetch;
}

/** A request central left silent for too long; the replication fails with it and is restarted. */
export class SilentConnectionError extends Error {
  override readonly name = 'TimeoutError';
  readonly code = 'SYNC_SILENT';
  constructor(readonly silentMs: number) {
    super(`central sent nothing for ${silentMs} ms; the request was abandoned`);
  }
}

/** How long this request may stay silent, ms. */
export function silenceLimitMs(url: string, options: WatchdogOptions = {}): number {
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  const query = new URL(url, 'http://localhost').searchParams;
  const heartbeat = Number(query.get('heartbeat'));
  const longPoll = query.get('feed') === 'longpoll' || query.get('feed') === 'continuous';
  if (!longPoll) return idleMs;
  // No heartbeat asked for: CouchDB answers by its `timeout` (default 60 s).
  return (heartbeat > 0 ? heartbeat : 60_000) + (options.heartbeatMarginMs ?? DEFAULT_HEARTBEAT_MARGIN_MS);
}

const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

export function createWatchdogFetch(options: WatchdogOptions = {}): typeof fetch {
  const inner = options.fetch ?? ((input, init) => fetch(input, init));
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const limit = silenceLimitMs(url, options);
    const controller = new AbortController();
    const outer = init?.signal;
    const forward = () => controller.abort(outer?.reason);
    if (outer?.aborted) forward();
    outer?.addEventListener('abort', forward, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', forward);
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(new SilentConnectionError(limit)), limit);
    };
    arm();
    let response: Response;
    try {
      response = await inner(input, { ...init, signal: controller.signal });
    } catch (err) {
      done();
      throw err;
    }
    if (response.body === null || NULL_BODY_STATUS.has(response.status)) {
      done();
      return response;
    }
    arm();
    const body = response.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, out) {
        arm();
        out.enqueue(chunk);
      },
      flush: done,
    }));
    // An aborted body errors the stream, and with it the reader: stop the timer there too.
    controller.signal.addEventListener('abort', done, { once: true });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
