// In-process notices for the admin UI (served as server-sent events by /api/events). Each event
// has an id `<epoch>-<n>`: the epoch names this central process, n counts up from 1. The bus keeps
// the last events in a ring so a console that reconnects with `Last-Event-ID` gets what it missed
// (https://html.spec.whatwg.org/multipage/server-sent-events.html#the-last-event-id-header).
import { randomBytes } from 'node:crypto';

export type ProntoEventType =
  | 'conflict.detected' | 'conflict.resolved' | 'conflict.queued' | 'store.status' | 'duplicate.merged' | 'sale.quarantined' | 'device.key'
  | 'tamper.detected' | 'void.twice' | 'approver.key' | 'sale.quarantine-lifted' | 'store-doc.flagged'
  /** A till's upload had documents CouchDB refused (central/refusals). */
  | 'upload.refused'
  /** Central read a stamp further ahead of its clock than the allowed skew (central-clock.ts). */
  | 'clock.ahead'
  /** A document changed in a database the feed follows (central/feed/feed-jobs.ts). */
  | 'change'
  /** A refused upload was dismissed by an admin (central/refusals). */
  | 'refusal.dismissed'
  /** A refused upload was marked accepted: central holds a corrected revision (central/refusals). */
  | 'refusal.accepted'
  /** A till's enrolment request was submitted, approved or rejected (central/devices/device-requests). */
  | 'device.request';

export interface ProntoEvent {
  /** `<epoch>-<n>`, increasing within one central process. */
  id: string;
  type: ProntoEventType;
  /** ISO wall time at which central published it. */
  at: string;
  data: Record<string, unknown>;
}

export type EventListener = (event: ProntoEvent) => void;

/** What a reconnecting client missed: the events after its id, or `reset` when the bus no longer holds them. */
export type Replay = { events: ProntoEvent[] } | 'reset';

export interface EventBus {
  publish(type: ProntoEventType, data: Record<string, unknown>): void;
  subscribe(listener: EventListener): () => void;
  /** The events published after `lastId`, oldest first; `reset` for an id of another epoch or older than the ring. */
  since(lastId: string): Replay;
  /** The id of the newest event (`<epoch>-0` before the first): where a client that just read the state afresh starts. */
  latestId(): string;
}

export interface EventBusOptions {
  now?: () => number;
  /** How many past events a reconnecting client can catch up on (default 1,000). */
  capacity?: number;
  /** Names this process in event ids (default random). */
  epoch?: string;
}

export function createEventBus(opts: EventBusOptions | (() => number) = {}): EventBus {
  const { now = Date.now, capacity = 1000, epoch = randomBytes(4).toString('hex') } = typeof opts === 'function' ? { now: opts } : opts;
  const listeners = new Set<EventListener>();
  const ring: ProntoEvent[] = [];
  let seq = 0;
  return {
    publish(type, data) {
      seq += 1;
      const event = { id: `${epoch}-${seq}`, type, at: new Date(now()).toISOString(), data };
      ring.push(event);
      if (ring.length > capacity) ring.shift();
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // One broken subscriber (a closed SSE stream) must not stop the others.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    since(lastId) {
      const n = sequenceOf(lastId, epoch);
      if (n === undefined || n > seq) return 'reset';
      const oldest = seq - ring.length; // the last id a client may hold and still miss nothing
      if (n < oldest) return 'reset';
      return { events: ring.slice(n - oldest) };
    },
    latestId: () => `${epoch}-${seq}`,
  };
}

function sequenceOf(id: string, epoch: string): number | undefined {
  const match = /^([0-9a-z]+)-(\d{1,15})$/.exec(id);
  if (!match || match[1] !== epoch) return undefined;
  return Number(match[2]);
}
