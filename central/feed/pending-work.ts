// The work a follower has seen but not finished, pure: changes whose batch failed (a job threw)
// and documents a job asked to look at again (a conflict record another central holds). It is
// kept with the checkpoint (checkpoint.ts), in the same document, so the checkpoint never moves
// past work that is not done or written down. Nothing here is ever dropped after N attempts: a
// failing change is retried with a back-off that grows to RETRY_MAX_MS and stays there, however
// long CouchDB or a job stays broken. The set is bounded (MAX_PENDING): when it is full the
// follower keeps its checkpoint before the failing batch instead, and the feed waits.
import type { Change } from './change.js';
import { backoffDelay } from '../../store-client/index.js';

export type PendingChange = Pick<Change, 'id' | 'changes' | 'deleted'>;

export interface PendingWork {
  /** One entry per document id, the latest change seen. */
  changes: PendingChange[];
  /** Failed attempts in a row at the pending set (0 when it only holds look-again entries). */
  attempts: number;
  /** When to try the set again, ms since the epoch. */
  dueAt: number;
  lastError?: string;
}

export const NO_PENDING: PendingWork = Object.freeze({ changes: [], attempts: 0, dueAt: 0 }) as PendingWork;
export const MAX_PENDING = 5_000;
export const LOOK_AGAIN_MS = 1_000;
export const RETRY_BASE_MS = 500;
export const RETRY_MAX_MS = 300_000;

/** The delay before attempt `attempts + 1`: 0.5 s, 1 s, 2 s… up to five minutes, never giving up. */
export function retryDelayMs(attempts: number, baseMs = RETRY_BASE_MS): number {
  // No jitter: one follower per database, nothing to spread out.
  return backoffDelay(attempts - 1, { baseMs, maxMs: RETRY_MAX_MS }, () => 1);
}

export const isDue = (work: PendingWork, now: number): boolean => work.changes.length > 0 && work.dueAt <= now;

/** `work` with `changes` added (a later change of a document replaces the earlier); null when that would pass MAX_PENDING. */
function merged(work: PendingWork, changes: readonly PendingChange[]): PendingChange[] | null {
  const byId = new Map(work.changes.map((c) => [c.id, c]));
  for (const c of changes) byId.set(c.id, { id: c.id, changes: c.changes, ...(c.deleted ? { deleted: true } : {}) });
  return byId.size > MAX_PENDING ? null : [...byId.values()];
}

/** A batch failed: its changes join the pending set, retried after a longer wait. Null when full. */
export function afterFailure(work: PendingWork, changes: readonly PendingChange[], error: string, now: number, baseMs?: number): PendingWork | null {
  const all = merged(work, changes);
  if (all === null) return null;
  const attempts = work.attempts + 1;
  return { changes: all, attempts, dueAt: now + retryDelayMs(attempts, baseMs), lastError: error.slice(0, 500) };
}

/**
 * A batch succeeded: `handled` ids are done (dropped from the set, whatever brought them there),
 * except those a job asked to look at `again`, which stay, due in LOOK_AGAIN_MS. Null when full.
 */
export function afterSuccess(work: PendingWork, handled: readonly PendingChange[], again: ReadonlySet<string>, now: number): PendingWork | null {
  const done = new Set(handled.filter((c) => !again.has(c.id)).map((c) => c.id));
  const kept: PendingWork = { ...work, changes: work.changes.filter((c) => !done.has(c.id)) };
  const all = merged(kept, handled.filter((c) => again.has(c.id)));
  if (all === null) return null;
  if (all.length === 0) return NO_PENDING;
  const lookAgain = handled.some((c) => again.has(c.id)) ? now + LOOK_AGAIN_MS : Infinity;
  const waiting = kept.changes.length > 0;
  return {
    changes: all,
    attempts: waiting ? work.attempts : 0,
    dueAt: Math.min(waiting ? work.dueAt : Infinity, lookAgain),
    ...(waiting && work.lastError !== undefined ? { lastError: work.lastError } : {}),
  };
}

/** Whether two pending sets hold the same work (so an unchanged one is not written again). */
export function samePending(a: PendingWork, b: PendingWork): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** The pending set stored with a checkpoint, read defensively (an older checkpoint has none). */
export function parsePending(raw: unknown): PendingWork {
  if (raw === null || typeof raw !== 'object') return NO_PENDING;
  const r = raw as Record<string, unknown>;
  const changes = Array.isArray(r.changes) ? r.changes.flatMap((c): PendingChange[] => {
    const e = c as Record<string, unknown> | null;
    if (e === null || typeof e !== 'object' || typeof e.id !== 'string' || !Array.isArray(e.changes)) return [];
    const revs = e.changes.flatMap((x) => (typeof (x as { rev?: unknown })?.rev === 'string' ? [{ rev: (x as { rev: string }).rev }] : []));
    return [{ id: e.id, changes: revs, ...(e.deleted === true ? { deleted: true } : {}) }];
  }) : [];
  if (changes.length === 0) return NO_PENDING;
  const attempts = Number.isSafeInteger(r.attempts) && (r.attempts as number) >= 0 ? (r.attempts as number) : 0;
  const dueAt = typeof r.dueAt === 'number' && Number.isFinite(r.dueAt) ? r.dueAt : 0;
  return { changes, attempts, dueAt, ...(typeof r.lastError === 'string' ? { lastError: r.lastError } : {}) };
}

/** Two followers wrote the same checkpoint: keep both pending sets (redoing work is harmless, losing it is not). */
export function unionPending(mine: PendingWork, theirs: PendingWork): PendingWork {
  if (theirs.changes.length === 0) return mine;
  if (mine.changes.length === 0) return theirs;
  const byId = new Map(theirs.changes.map((c) => [c.id, c]));
  for (const c of mine.changes) byId.set(c.id, c);
  return { changes: [...byId.values()], attempts: Math.max(mine.attempts, theirs.attempts), dueAt: Math.min(mine.dueAt, theirs.dueAt), lastError: mine.lastError ?? theirs.lastError };
}
