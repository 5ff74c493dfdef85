// The change feed's memory, pure: the last changes central announced (newest first, at most
// `capacity`), and while paused the ones that arrived meanwhile, held apart and counted, joined
// in front on resume. An event seen twice (a replay after a reconnect) is kept once.
import type { LiveEvent } from './live-events.js';

export interface FeedEntry {
  /** The SSE event id (`<epoch>-<n>`), unique per central process. */
  eventId: string;
  /** When central announced it. */
  at: string;
  db: string;
  docType: string;
  docId: string;
  store: string | null;
  deleted: boolean;
  rev: string | null;
  /** Who wrote the change (the doc's updatedBy, or the device in its id's stamp), when known. */
  who: string | null;
  /** When it was written (the doc's updatedAt stamp), when known. */
  when: string | null;
}

export interface FeedState {
  entries: readonly FeedEntry[];
  /** Arrived while paused, newest first. */
  held: readonly FeedEntry[];
  paused: boolean;
  capacity: number;
}

export const FEED_CAPACITY = 500;

export const emptyFeed = (capacity = FEED_CAPACITY): FeedState => ({ entries: [], held: [], paused: false, capacity });

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A `change` event as a feed entry; null for anything that is not one. */
export function entryOf(event: LiveEvent): FeedEntry | null {
  const d = event.data;
  const docId = text(d.docId);
  const db = text(d.db);
  if (event.type !== 'change' || docId === null || db === null || typeof event.id !== 'string') return null;
  return {
    eventId: event.id, at: event.at, db, docId, docType: text(d.docType) ?? docId.split(':')[0]!,
    store: text(d.store), deleted: d.deleted === true, rev: text(d.rev), who: text(d.who), when: text(d.when),
  };
}

const seen = (state: FeedState, id: string) => state.entries.some((e) => e.eventId === id) || state.held.some((e) => e.eventId === id);

export function addEntry(state: FeedState, entry: FeedEntry): FeedState {
  if (seen(state, entry.eventId)) return state;
  if (state.paused) return { ...state, held: [entry, ...state.held].slice(0, state.capacity) };
  return { ...state, entries: [entry, ...state.entries].slice(0, state.capacity) };
}

export function setPaused(state: FeedState, paused: boolean): FeedState {
  if (paused === state.paused) return state;
  if (paused) return { ...state, paused };
  return { ...state, paused, held: [], entries: [...state.held, ...state.entries].slice(0, state.capacity) };
}

/** Everything forgotten (central said it could not replay what was missed): start afresh. */
export const cleared = (state: FeedState): FeedState => ({ ...state, entries: [], held: [] });
