// The change feed's memory, pure: the last changes central announced (newest first, at most
// `capacity`), and while paused the ones that arrived meanwhile, held apart and counted, joined
// in front on resume. A change is one revision of one document in one database: seen twice (a
// replay after a reconnect, or both read from the databases and announced live) it is kept once.
import type { LiveEvent } from './live-events.js';

export interface FeedEntry {
  /** The SSE event id (`<epoch>-<n>`), or `recent:` for a change read from the databases. */
  eventId: string;
  /** When central announced it (or the console read it from the databases). */
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

type ChangeId = Pick<FeedEntry, 'db' | 'docId' | 'rev'>;
/** Two entries are the same change: one revision of one document in one database. */
const same = (a: ChangeId, b: ChangeId) => a.docId === b.docId && a.rev === b.rev && a.db === b.db;
/** The same as a map key. */
const changeKey = (e: ChangeId): string => `${e.db}\n${e.docId}\n${e.rev ?? ''}`;

const seen = (state: FeedState, c: ChangeId) => state.entries.some((e) => same(e, c)) || state.held.some((e) => same(e, c));

export function addEntry(state: FeedState, entry: FeedEntry): FeedState {
  if (seen(state, entry)) return state;
  if (state.paused) return { ...state, held: [entry, ...state.held].slice(0, state.capacity) };
  return { ...state, entries: [entry, ...state.entries].slice(0, state.capacity) };
}

export function setPaused(state: FeedState, paused: boolean): FeedState {
  if (paused === state.paused) return state;
  if (paused) return { ...state, paused };
  return { ...state, paused, held: [], entries: [...state.held, ...state.entries].slice(0, state.capacity) };
}

/** A change as GET /api/changes/recent reads it from the databases. */
export type RecentChange = Omit<FeedEntry, 'eventId' | 'at'>;

/**
 * Changes read from the databases (the feed's start, or its catch-up after central could not
 * replay) merged into the list: each change once, newest first by when it was written.
 */
export function mergeCaughtUp(state: FeedState, changes: readonly RecentChange[], readAt: string): FeedState {
  const byKey = new Map<string, FeedEntry>();
  for (const e of state.entries) byKey.set(changeKey(e), e);
  const held = new Set(state.held.map(changeKey));
  for (const c of changes) {
    const key = changeKey(c);
    if (!byKey.has(key) && !held.has(key)) byKey.set(key, { ...c, eventId: `recent:${c.db}/${c.docId}@${c.rev ?? ''}`, at: readAt });
  }
  const time = (e: FeedEntry) => e.when ?? e.at;
  const entries = [...byKey.values()].sort((a, b) => time(b).localeCompare(time(a))).slice(0, state.capacity);
  return { ...state, entries };
}

/** Everything forgotten (central said it could not replay what was missed): start afresh. */
export const cleared = (state: FeedState): FeedState => ({ ...state, entries: [], held: [] });
