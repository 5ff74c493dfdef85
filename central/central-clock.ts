// Central's hybrid logical clock (node id `central`): stamps for what central and admins write.
// Kept in memory: across a restart the wall clock moves it forward. Central observes the
// `updatedAt` stamps of the documents it reads before it stamps a write on top of them
// (conflict leaves, the settings an admin replaces, customers merged), so its writes sort after
// what it has seen — within a bound: a stamp further ahead of central's wall clock than the
// allowed skew (settings:pos `maxClockSkewMin`, default 10 min) is not adopted, or one till with
// a clock hours (or years) ahead would drag every later central stamp with it; it is reported
// (`onAhead`) instead. A write on top of such a document still sorts after it: `stampAfter`
// gives that one write the stamp just after the one it saw, without moving the clock.
import { compareStamps, formatStamp, initialState, MAX_COUNTER, parseStamp, receive, tick, type HlcState, type ParsedStamp } from '../store-client/hlc.js';

export interface AheadStamp {
  stamp: string;
  /** The writer's node id (`<store>.<device>` for a till). */
  node: string;
  /** How far ahead of central's wall clock, ms. */
  aheadMs: number;
}

export interface CentralClock {
  next(): string;
  /** Adopts a stamp central read; false when it is malformed or too far ahead (reported, not adopted). */
  observe(stamp: unknown): boolean;
  /** A stamp for a write on top of documents stamped `seen`: after every one of them, with the clock moved only as `observe` would. */
  stampAfter(seen: Iterable<unknown>): string;
}

export interface CentralClockOptions {
  /** How far ahead of the wall clock an observed stamp may be, ms (read at every observe). Default 10 minutes. */
  maxAheadMs?: () => number;
  /** Told of each stamp too far ahead to adopt. */
  onAhead?: (ahead: AheadStamp) => void;
}

export const DEFAULT_MAX_AHEAD_MS = 10 * 60_000;

export function createCentralClock(node = 'central', now: () => number = Date.now, opts: CentralClockOptions = {}): CentralClock {
  let state: HlcState = initialState(node);
  const maxAheadMs = opts.maxAheadMs ?? (() => DEFAULT_MAX_AHEAD_MS);
  const next = (): string => {
    const t = tick(state, now());
    state = t.state;
    return t.stamp;
  };
  const observe = (stamp: unknown): boolean => {
    const parsed = tryParse(stamp);
    if (parsed === null) return false;
    const wall = now();
    if (parsed.wallMs - wall > maxAheadMs()) {
      opts.onAhead?.({ stamp: stamp as string, node: parsed.node, aheadMs: parsed.wallMs - wall });
      return false;
    }
    state = receive(state, stamp as string, wall, Number.MAX_SAFE_INTEGER);
    return true;
  };
  return {
    next,
    observe,
    stampAfter(seen) {
      let latest: ParsedStamp | null = null;
      for (const s of seen) {
        observe(s);
        const parsed = tryParse(s);
        if (parsed !== null && (latest === null || compareStamps(s as string, formatStamp(latest)) > 0)) latest = parsed;
      }
      const stamp = next();
      if (latest === null || compareStamps(stamp, formatStamp(latest)) > 0) return stamp;
      return formatStamp(successor(latest, node));
    },
  };
}

/** The smallest stamp of `node` after `p` (the counter borrows a millisecond when it is full). */
function successor(p: ParsedStamp, node: string): ParsedStamp {
  return p.counter >= MAX_COUNTER ? { wallMs: p.wallMs + 1, counter: 0, node } : { wallMs: p.wallMs, counter: p.counter + 1, node };
}

function tryParse(stamp: unknown): ParsedStamp | null {
  if (typeof stamp !== 'string') return null;
  try {
    return parseStamp(stamp);
  } catch {
    return null;
  }
}
