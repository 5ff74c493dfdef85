// GET /api/events: server-sent events for the admin UI — conflicts detected, resolved and
// queued for review, duplicates merged, and till status — as they happen.
// https://html.spec.whatwg.org/multipage/server-sent-events.html
import type { Request, Response } from 'express';
import type { EventBus } from '../events/event-bus.js';

const HEARTBEAT_MS = 15_000;

export function eventsRoute(bus: EventBus) {
  return (req: Request, res: Response): void => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write('retry: 2000\n\n');
    const unsubscribe = bus.subscribe((event) => res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`));
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  };
}
