// One till's connections to central, bounded: a fetch for every remote PouchDB of the till (the
// http adapter's `fetch` option) that lets at most `connections` requests (default 4) be open at
// once, of which at most `connections - 1` live long-polls (`_changes?feed=longpoll`: the store,
// catalog and customers pulls). Why: a browser opens at most 6 connections per host and the POS
// needs some for itself (snapshots, time, the console's events); and on 500 stores every
// connection held at central counts. The till's live replications would otherwise hold three
// long-polls and, after each batch they pull, overlap their checkpoints, revs_diff, bulk_get
// and bulk_docs with the pushes', up to 11 connections on a reconnect (measured: test/
// integration/store-client/till-connections.test.ts).
// Why a queue and not fewer long-polls: polling the catalog and customers would add their poll
// interval to every price change's way to the till, and wake central for nothing in between;
// a queue costs a request only the wait for a slot, and with the push's writes to the store
// database served first (money-first, as sync-manager orders its phases), a sale waits at most
// for one request in flight, never behind a pull. A response's slot is freed when its body has
// been read to the end, failed or been cancelled, or its request aborted: a caller must read or
// cancel every body (PouchDB's http adapter reads them all).
// Put it outside the watchdog (watchdog-fetch.ts): a request waiting for a slot is not silence.

import { ConnectionSlots, type SlotCounts, type SlotKind } from './connection-slots.js';

export interface ConnectionBudgetOptions {
  /** Requests open to central at once (default 4). */
  connections?: number;
  /** Of which long-polls (default `connections - 1`, so one is always left for the rest). */
  longPolls?: number;
  /** The fetch that does the requests (default the global one); e.g. a watchdog fetch. */
  fetch?: typeof fetch;
}

export interface ConnectionBudget {
  /** Give this to every remote PouchDB of the till (`new PouchDB(url, { fetch })`). */
  readonly fetch: typeof fetch;
  /** Slots in use and requests waiting, now. */
  readonly counts: SlotCounts;
}

/** The push's writes to the store database (sales, moves, returns, then the rest): served first. */
export const PRIORITY_STORE_WRITE = 0;
export const PRIORITY_REQUEST = 1;
/** A long-poll only waits for changes: anything else that waits goes before it. */
export const PRIORITY_LONG_POLL = 2;

/** Which slot a request needs and how soon: pure, from its URL and method. */
export function classifyRequest(url: string, method = 'GET'): { kind: SlotKind; priority: number } {
  const parsed = new URL(url, 'http://localhost');
  const feed = parsed.searchParams.get('feed');
  if (feed === 'longpoll' || feed === 'continuous') return { kind: 'long-poll', priority: PRIORITY_LONG_POLL };
  const [db, endpoint] = parsed.pathname.split('/').slice(-2);
  const storeWrite = method.toUpperCase() === 'POST' && (endpoint === '_bulk_docs' || endpoint === '_revs_diff') && db?.startsWith('store-') === true;
  return { kind: 'request', priority: storeWrite ? PRIORITY_STORE_WRITE : PRIORITY_REQUEST };
}

const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

export function createConnectionBudget(options: ConnectionBudgetOptions = {}): ConnectionBudget {
  const connections = options.connections ?? 4;
  const slots = new ConnectionSlots(connections, options.longPolls ?? connections - 1);
  const inner = options.fetch ?? ((input, init) => fetch(input, init));
  const budgeted: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const { kind, priority } = classifyRequest(url, method);
    const signal = init?.signal;
    const slot = await slots.acquire(kind, priority, signal);
    // PouchDB reuses one signal for all of a feed's long-polls: the listener goes with the slot.
    const release = () => {
      signal?.removeEventListener('abort', release);
      slot();
    };
    signal?.addEventListener('abort', release, { once: true });
    let response: Response;
    try {
      response = await inner(input, init);
    } catch (err) {
      release();
      throw err;
    }
    if (response.body === null || NULL_BODY_STATUS.has(response.status)) {
      release();
      return response;
    }
    return new Response(releasedAtEnd(response.body, release), { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return { fetch: budgeted, get counts() { return slots.counts; } };
}

/** `body`, calling `release` once it has been read to the end, has failed, or was cancelled. */
function releasedAtEnd(body: ReadableStream<Uint8Array>, release: () => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(out) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (err) {
        release();
        throw err;
      }
      if (chunk.done) {
        release();
        out.close();
      } else {
        out.enqueue(chunk.value);
      }
    },
    cancel(reason) {
      release();
      return reader.cancel(reason);
    },
  });
}
