// Which counters a bus event moves, pure. Central's jobs already announce what they do on the
// event bus (central/events/event-bus.ts: conflicts, refused uploads, quarantines, tampering), so
// counting there needs no change to the jobs themselves.
import type { ProntoEvent } from '../events/event-bus.js';

export type EventCounter = 'conflicts' | 'refusals' | 'quarantines' | 'tamper';

export interface EventCount { counter: EventCounter; labels: Record<string, string>; by: number }

export function countsOf(event: Pick<ProntoEvent, 'type' | 'data'>): EventCount[] {
  const one = (counter: EventCounter, labels: Record<string, string>, by = 1): EventCount[] => [{ counter, labels, by }];
  switch (event.type) {
    case 'conflict.detected': return one('conflicts', { outcome: 'detected' });
    case 'conflict.resolved': return one('conflicts', { outcome: 'resolved' });
    case 'conflict.queued': return one('conflicts', { outcome: 'queued' });
    // One event per upload; each refused document counts.
    case 'upload.refused': return one('refusals', { change: 'refused' }, Array.isArray(event.data.refusals) ? event.data.refusals.length : 1);
    case 'refusal.dismissed': return one('refusals', { change: 'dismissed' });
    case 'refusal.accepted': return one('refusals', { change: 'accepted' });
    case 'sale.quarantined': return one('quarantines', { change: 'quarantined' });
    case 'sale.quarantine-lifted': return one('quarantines', { change: 'lifted' });
    case 'tamper.detected': return one('tamper', { kind: 'tamper' });
    case 'void.twice': return one('tamper', { kind: 'void-twice' });
    default: return [];
  }
}
