// When central last heard each till, by central's clock: every verified status the status
// relay announces on the bus (`store.status`, status-relay.ts) is a till heard. In memory:
// after a restart till-liveness falls back on the reports themselves. Bounded.
import type { EventBus } from '../events/event-bus.js';

const MAX_TILLS = 10_000;

export interface TillsHeard {
  /** Central's time (ms) it last relayed `id` of `db`, or undefined. */
  heardAt(db: string, id: string): number | undefined;
  /** When this began listening, ms. */
  readonly since: number;
  stop(): void;
}

export function watchTillsHeard(bus: EventBus, now: () => number = Date.now): TillsHeard {
  const heard = new Map<string, number>();
  const since = now();
  const stop = bus.subscribe((event) => {
    if (event.type !== 'store.status') return;
    const { db, _id } = event.data;
    if (typeof db !== 'string' || typeof _id !== 'string') return;
    const key = `${db}/${_id}`;
    heard.delete(key);
    heard.set(key, now());
    for (const k of heard.keys()) if (heard.size > MAX_TILLS) heard.delete(k); else break;
  });
  return { heardAt: (db, id) => heard.get(`${db}/${id}`), since, stop };
}
