// Hybrid logical clock (Kulkarni et al., "Logical Physical Clocks", 2014), pure: the wall clock
// is always an argument, so the rules can be tested with any sequence of clock readings.
// Stamps are `<ISO-8601 UTC with ms>-<4 hex counter>-<node id>`; every part is fixed width
// except the node id, which comes last, so string order = (wall, counter, node) order.
// A clock found far ahead of central's time (its device clock jumped forward once) may rebase
// back to central's time (rebase): see that function for how stamps stay unique.

import { ProntoError } from '../validators/errors.js';

export interface HlcState {
  /** Logical wall time in ms since the epoch: never goes backwards. */
  readonly wallMs: number;
  /** Orders events that share `wallMs`; 0..0xffff. */
  readonly counter: number;
  readonly node: string;
  /**
   * Set by a rebase, and kept: the highest wall time issued before it. Up to that time, stamps
   * use only the upper half of the counter (REBASED_COUNTER_FLOOR and above), which stamps
   * issued before the rebase never reached, so no stamp repeats; past it the clock is an
   * ordinary HLC again, and a later rebase never goes back below it.
   */
  readonly aheadUntilMs?: number;
}

export interface ParsedStamp {
  readonly wallMs: number;
  readonly counter: number;
  readonly node: string;
}

export const MAX_COUNTER = 0xffff;
/** The counter's upper half, used after a rebase: 32,768 stamps in one millisecond never happen at a till. */
export const REBASED_COUNTER_FLOOR = 0x8000;
const NODE_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const STAMP_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([a-z0-9][a-z0-9._-]{0,63})$/;

export function initialState(node: string): HlcState {
  if (!NODE_RE.test(node)) {
    throw new ProntoError('VALIDATION_FAILED', `hlc node id must match ${NODE_RE.source}`, { node });
  }
  return { wallMs: 0, counter: 0, node };
}

export function formatStamp(stamp: ParsedStamp): string {
  const iso = new Date(stamp.wallMs).toISOString();
  return `${iso}-${stamp.counter.toString(16).padStart(4, '0')}-${stamp.node}`;
}

export function parseStamp(stamp: string): ParsedStamp {
  const m = STAMP_RE.exec(stamp);
  const wallMs = m ? Date.parse(m[1]!) : NaN;
  // The round trip rejects impossible dates such as 2026-02-30 that Date.parse would shift.
  if (!m || Number.isNaN(wallMs) || new Date(wallMs).toISOString() !== m[1]) {
    throw new ProntoError('VALIDATION_FAILED', 'hlc stamp is malformed', { stamp });
  }
  return { wallMs, counter: parseInt(m[2]!, 16), node: m[3]! };
}

/** Total order across nodes; equal to comparing the strings, kept explicit for readers. */
export function compareStamps(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Counter overflow borrows one millisecond so order is kept without ever wrapping. Below a
 * rebase's `aheadUntilMs` the counter stays in its upper half; its last millisecond is skipped
 * whole (stamps issued there before the rebase may have any counter).
 */
function normalise(wallMs: number, counter: number, node: string, aheadUntilMs?: number): HlcState {
  if (counter > MAX_COUNTER) {
    wallMs += 1;
    counter = 0;
  }
  if (aheadUntilMs === undefined) return { wallMs, counter, node };
  if (wallMs > aheadUntilMs) return { wallMs, counter, node, aheadUntilMs };
  if (wallMs === aheadUntilMs) return { wallMs: wallMs + 1, counter: 0, node, aheadUntilMs };
  return { wallMs, counter: Math.max(counter, REBASED_COUNTER_FLOOR), node, aheadUntilMs };
}

/** A local event (a write): returns the new state and the stamp to put on the document. */
export function tick(state: HlcState, nowMs: number): { state: HlcState; stamp: string } {
  const wallMs = Math.max(state.wallMs, Math.floor(nowMs));
  const counter = wallMs === state.wallMs ? state.counter + 1 : 0;
  const next = normalise(wallMs, counter, state.node, state.aheadUntilMs);
  return { state: next, stamp: formatStamp(next) };
}

/**
 * A clock more than `maxDriftMs` ahead of `referenceMs` (central's time as this node measured
 * it) took a one-time forward jump of its device clock: an HLC never goes back by itself, so
 * without this every later stamp would stay that far ahead (and central would quarantine them)
 * until real time caught up. HLC theory bounds `wall - physical` by the allowed skew and rejects
 * what lies beyond; here the node's own past is what lies beyond, so it rebases to the
 * reference. Stamps stay unique (the counter's upper half up to the old wall time, see
 * HlcState.aheadUntilMs) but are not monotonic across the rebase, once: only a reference
 * measured from central may trigger it, never the device clock alone. Windows never overlap:
 * a clock still inside an earlier rebase's window is left alone, and a rebase never goes back
 * below the end of the previous window.
 */
export function rebase(state: HlcState, referenceMs: number, maxDriftMs: number): HlcState {
  const previousEnd = state.aheadUntilMs ?? -Infinity;
  const target = Math.max(Math.floor(referenceMs), previousEnd + 1);
  if (state.wallMs <= previousEnd || state.wallMs - target <= maxDriftMs) return state;
  return { wallMs: target, counter: REBASED_COUNTER_FLOOR, node: state.node, aheadUntilMs: state.wallMs };
}

/**
 * Merge a stamp seen on a remote document, so that our next stamp sorts after it.
 * Throws HLC_DRIFT when the remote wall time is more than `maxDriftMs` ahead of `nowMs`:
 * adopting it would drag every later stamp of ours into the future; the caller skips it.
 */
export function receive(state: HlcState, remoteStamp: string, nowMs: number, maxDriftMs: number): HlcState {
  const remote = parseStamp(remoteStamp);
  if (remote.wallMs - nowMs > maxDriftMs) {
    throw new ProntoError('HLC_DRIFT', `remote clock is ${remote.wallMs - nowMs} ms ahead`, {
      stamp: remoteStamp,
      maxDriftMs,
    });
  }
  const wallMs = Math.max(state.wallMs, remote.wallMs, Math.floor(nowMs));
  let counter: number;
  if (wallMs === state.wallMs && wallMs === remote.wallMs) counter = Math.max(state.counter, remote.counter) + 1;
  else if (wallMs === state.wallMs) counter = state.counter + 1;
  else if (wallMs === remote.wallMs) counter = remote.counter + 1;
  else counter = 0;
  return normalise(wallMs, counter, state.node, state.aheadUntilMs);
}
