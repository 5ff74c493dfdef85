import { expect } from 'chai';
import { createWatchdogFetch, SilentConnectionError, silenceLimitMs } from '../../../store-client/watchdog-fetch.js';
import { classifySyncError } from '../../../store-client/classify-sync-error.js';

/** A fetch whose response sends `chunks` at the given delays (ms after the previous), then stays open or ends. */
function scriptedFetch(delays: number[], end: boolean): typeof fetch {
  return async (_input, init) => {
    const signal = init?.signal;
    const body = new ReadableStream<Uint8Array>({
      async start(c) {
        signal?.addEventListener('abort', () => c.error(signal.reason), { once: true });
        for (const ms of delays) {
          await new Promise((r) => setTimeout(r, ms));
          if (signal?.aborted) return;
          c.enqueue(new TextEncoder().encode('\n'));
        }
        if (end) {
          c.enqueue(new TextEncoder().encode('{"ok":true}'));
          c.close();
        }
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

describe('store-client/watchdog-fetch', () => {
  it('gives a long-poll its heartbeat plus the margin, and any other request the idle limit', () => {
    const opts = { idleMs: 30_000, heartbeatMarginMs: 5_000 };
    expect(silenceLimitMs('http://c/store-s1/_changes?feed=longpoll&heartbeat=10000&since=5', opts)).to.equal(15_000);
    expect(silenceLimitMs('http://c/store-s1/_changes?feed=longpoll&since=5', opts)).to.equal(65_000);
    expect(silenceLimitMs('http://c/store-s1/_changes?since=5&limit=500', opts)).to.equal(30_000);
    expect(silenceLimitMs('http://c/store-s1/_revs_diff', opts)).to.equal(30_000);
  });

  it('lets a response through whose bytes keep coming within the limit, however long it lasts', async () => {
    // 1.2 s in all, longer than the limit, but never 1 s without a byte.
    const guarded = createWatchdogFetch({ idleMs: 1000, fetch: scriptedFetch([150, 150, 150, 150, 150, 150, 150, 150], true) });
    const res = await guarded('http://c/db/_revs_diff', { method: 'POST' });
    expect((await res.text()).trim()).to.equal('{"ok":true}');
  });

  it('abandons a response that goes silent, with an error the till reads as offline', async () => {
    const guarded = createWatchdogFetch({ heartbeatMarginMs: 100, fetch: scriptedFetch([50], false) });
    const res = await guarded('http://c/db/_changes?feed=longpoll&heartbeat=100');
    const err = await res.text().then(() => null, (e: unknown) => e);
    expect(err).to.be.instanceOf(SilentConnectionError);
    expect(classifySyncError(err)).to.include({ state: 'offline', code: 'SYNC_OFFLINE' });
  });

  it('still lets the caller cancel', async () => {
    const guarded = createWatchdogFetch({ idleMs: 10_000, fetch: scriptedFetch([50], false) });
    const caller = new AbortController();
    const res = await guarded('http://c/db/x', { signal: caller.signal });
    caller.abort(new Error('cancelled by PouchDB'));
    const err = await res.text().then(() => null, (e: unknown) => e);
    expect((err as Error).message).to.equal('cancelled by PouchDB');
  });
});
