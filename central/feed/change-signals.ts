// How the dispatcher learns which databases to read (follow-databases.ts): the server's
// `_db_updates` feed where it has one (watch-db-updates.ts), with a full round from the
// checkpoints whenever that feed (re)starts and every `safetyRoundMs` anyway; else, or while that
// feed is down, polling rounds, each starting `pollEveryMs` after the last one ended. A server
// without the feed is asked again every five minutes (an operator may create `_global_changes`).
import type { Logger } from 'pino';
import type { Following } from './follow-databases.js';
import { watchDbUpdates } from './watch-db-updates.js';
import { abortableDelay } from './abortable-delay.js';

/** How the dispatcher learns of changes: `_db_updates`, or polling every database (no such feed, or it is down). */
export type FeedMode = 'db-updates' | 'poll';

export interface ChangeSignalOptions {
  couchUrl: string;
  authHeader: Record<string, string>;
  log: Logger;
  following: Following;
  isManaged(db: string): boolean;
  /** A database was created or deleted, or an unknown one changed: list the databases again. */
  rediscover(): void;
  useDbUpdates: boolean;
  longPollMs: number;
  pollEveryMs: number;
  safetyRoundMs: number;
}

export interface ChangeSignals {
  mode(): FeedMode;
  stop(): Promise<void>;
}

const RECHECK_MS = 300_000;

export function startChangeSignals(opts: ChangeSignalOptions): ChangeSignals {
  const { following, log } = opts;
  const stop = new AbortController();
  let live = false;
  let lastRound = Date.now();
  let idleSince: number | undefined;
  const rounds = setInterval(() => {
    const now = Date.now();
    idleSince = following.idle() ? idleSince ?? now : undefined;
    const due = live ? now - lastRound >= opts.safetyRoundMs : idleSince !== undefined && now - idleSince >= opts.pollEveryMs;
    if (!due) return;
    lastRound = now;
    idleSince = undefined;
    following.readAll();
  }, Math.min(250, opts.pollEveryMs));
  rounds.unref();

  async function watch(): Promise<void> {
    while (!stop.signal.aborted) {
      const end = await watchDbUpdates({
        couchUrl: opts.couchUrl, authHeader: opts.authHeader, log, signal: stop.signal, timeoutMs: opts.longPollMs,
        onUpdates: (updates) => {
          const known = new Set(following.databases());
          const names = updates.map((u) => u.db_name).filter(opts.isManaged);
          if (updates.some((u) => u.type !== 'updated' && opts.isManaged(u.db_name)) || names.some((db) => !known.has(db))) opts.rediscover();
          following.changed(names);
        },
        onRestart: (reason) => {
          live = true;
          lastRound = Date.now();
          log.info({ reason }, 'change feed: following _db_updates; reading every database from its checkpoint');
          following.readAll();
        },
        onLost: () => { live = false; },
      });
      live = false;
      if (end.kind === 'stopped') return;
      log.info({ status: end.status }, 'change feed: the server has no _db_updates; polling every database (asking again in 5 minutes)');
      await abortableDelay(RECHECK_MS, stop.signal);
    }
  }
  const watching = opts.useDbUpdates ? watch() : Promise.resolve();

  return {
    mode: () => (live ? 'db-updates' : 'poll'),
    async stop() {
      stop.abort();
      clearInterval(rounds);
      await watching;
    },
  };
}
