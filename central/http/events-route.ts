// GET /api/events: server-sent events for the admin UI — changes reaching central, conflicts
// detected, resolved and queued for review, duplicates merged, till status — as they happen.
// Every event carries an `id:`; a client that reconnects with `Last-Event-ID` first gets the
// events it missed (event-bus.ts keeps the last ones), or a `reset` event when they are gone
// (another central process, or too long away): the client then reads the state afresh.
// A store manager gets only their own store's events (store-scope.ts).
// https://html.spec.whatwg.org/multipage/server-sent-events.html
import type { Request, Response } from 'express';
import type { EventBus, ProntoEvent } from '../events/event-bus.js';
import { inScope, storeOfDb, type ScopeLocals, type StoreScope } from './store-scope.js';

const HEARTBEAT_MS = 15_000;

/** The store an event is about: its `store`, or the store whose database it names. */
export function storeOfEvent(event: ProntoEvent): string | null {
  const { store, db } = event.data;
  return typeof store === 'string' ? store : storeOfDb(db);
}

const visible = (scope: StoreScope, event: ProntoEvent) => scope.stores === null || inScope(scope, storeOfEvent(event));
/** One SSE frame; `reset` (not a bus event) has the same shape, so a client reads one kind of data. */
const frame = (event: Omit<ProntoEvent, 'type'> & { type: string }) => `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

/** `clients`: told of each stream opened and closed (the pronto_sse_clients gauge). */
export function eventsRoute(bus: EventBus, clients?: { inc(): void; dec(): void }) {
  return (req: Request, res: Response): void => {
    const { scope } = res.locals as ScopeLocals;
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write('retry: 2000\n\n');
    // A new EventSource (a reloaded page) cannot set the header: it may pass ?lastEventId= instead.
    const query = req.query.lastEventId;
    const lastId = req.get('Last-Event-ID') ?? (typeof query === 'string' ? query : undefined);
    if (lastId !== undefined && lastId !== '') {
      const replay = bus.since(lastId);
      // Replay and subscribe run in one tick: no event can slip between them.
      // The reset carries the newest id, so the next reconnect resumes from here, not from the stale id.
      if (replay === 'reset') res.write(frame({ id: bus.latestId(), type: 'reset', at: new Date().toISOString(), data: { lastEventId: lastId.slice(0, 64) } }));
      else for (const event of replay.events) if (visible(scope, event)) res.write(frame(event));
    }
    const unsubscribe = bus.subscribe((event) => {
      if (visible(scope, event)) res.write(frame(event));
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    clients?.inc();
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      clients?.dec();
    });
  };
}
