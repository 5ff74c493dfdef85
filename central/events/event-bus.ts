// In-process notices for the admin UI (served as server-sent events by /api/events).
export type ProntoEventType =
  | 'conflict.detected' | 'conflict.resolved' | 'conflict.queued' | 'store.status' | 'duplicate.merged' | 'sale.quarantined' | 'device.key'
  | 'tamper.detected' | 'void.twice' | 'approver.key' | 'sale.quarantine-lifted' | 'store-doc.flagged'
  /** A till's upload had documents CouchDB refused (central/refusals). */
  | 'upload.refused'
  /** Central read a stamp further ahead of its clock than the allowed skew (central-clock.ts). */
  | 'clock.ahead';

export interface ProntoEvent {
  type: ProntoEventType;
  /** ISO wall time at which central published it. */
  at: string;
  data: Record<string, unknown>;
}

export type EventListener = (event: ProntoEvent) => void;

export interface EventBus {
  publish(type: ProntoEventType, data: Record<string, unknown>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(now: () => number = Date.now): EventBus {
  const listeners = new Set<EventListener>();
  return {
    publish(type, data) {
      const event = { type, at: new Date(now()).toISOString(), data };
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
  };
}
