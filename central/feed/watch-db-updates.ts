// One long-poll on the server's `_db_updates` tells which databases changed, instead of one
// long-poll per database. Apache CouchDB 2+/3 serves it from its `_global_changes` database
// (https://docs.couchdb.org/en/stable/api/server/common.html#db-updates; source:
// src/global_changes/src/global_changes_httpd.erl, _listener.erl, _server.erl): server admins
// only; feed=normal (default), longpoll, continuous or eventsource; `since` a sequence or `now`
// (a malformed one: 400); each row `{db_name, type: created|updated|deleted, seq}`, one row per
// database and event type however many writes (the listener keeps a set and writes it every
// max_event_delay 25 ms / max_write_delay 500 ms), `_dbs` and the like included. What we rely on,
// pinned in test/conformance/db-updates.test.ts:
// - No `_global_changes` database (a node set up by hand): 404 not_found, and events meanwhile are
//   dropped. The embedded server has no such feed (its door answers 404, express-pouchdb 400): the
//   caller then polls (`unsupported`).
// - The events are kept in memory up to half a second before they are written, so a node that dies
//   loses them, and `[global_changes] update_db = false` stops them without a word: this feed says
//   which databases to read sooner, never that the others are unchanged. The caller still reads
//   every database now and then (a safety round), and reads all of them whenever this feed starts
//   again (`onRestart`): at start, after any error, a dropped connection or a `since` refused. It
//   restarts from `since=now`, taken before that round begins, so no change falls between the two.
// - On a cluster `_global_changes` is a clustered database like any other: its sequences are
//   opaque; a node down may rewind part of them, which only reports databases again.
import type { Logger } from 'pino';
import { backoffDelay } from '../../store-client/index.js';
import { abortableDelay } from './abortable-delay.js';
import { REQUEST_TIMEOUT_MS } from './abortable-request.js';

export interface DbUpdate { db_name: string; type: string }

export interface DbUpdatesOptions {
  couchUrl: string;
  authHeader: Record<string, string>;
  log: Logger;
  signal: AbortSignal;
  /** Long-poll timeout asked of the server (ms). */
  timeoutMs: number;
  /** Databases that changed (or were created or deleted) since the last call. */
  onUpdates(updates: DbUpdate[]): void;
  /** The feed (re)starts from now: every database is to be read from its checkpoint. */
  onRestart(reason: string): void;
  /** The feed failed: until it restarts, nothing tells which databases change (the caller polls). */
  onLost(reason: string): void;
}

/** How the watch ended: the server has no usable `_db_updates` (HTTP status), or it was stopped. */
export type WatchEnd = { kind: 'unsupported'; status: number } | { kind: 'stopped' };

/** Statuses that say the server has no `_db_updates` feed to offer (not a passing failure). */
const UNSUPPORTED = new Set([400, 404, 405, 501]);

async function get(opts: DbUpdatesOptions, qs: string, timeoutMs: number): Promise<Response> {
  return fetch(`${opts.couchUrl}/_db_updates?${qs}`, { headers: opts.authHeader, signal: AbortSignal.any([opts.signal, AbortSignal.timeout(timeoutMs)]) });
}

export async function watchDbUpdates(opts: DbUpdatesOptions): Promise<WatchEnd> {
  let reason = 'start';
  for (let errors = 0; !opts.signal.aborted; ) {
    try {
      const head = await get(opts, 'since=now', REQUEST_TIMEOUT_MS);
      if (UNSUPPORTED.has(head.status)) {
        await head.body?.cancel();
        return { kind: 'unsupported', status: head.status };
      }
      if (!head.ok) throw new Error(`_db_updates answered ${head.status}`);
      let since = String(((await head.json()) as { last_seq: unknown }).last_seq);
      opts.onRestart(reason);
      errors = 0;
      for (;;) {
        const res = await get(opts, `feed=longpoll&timeout=${opts.timeoutMs}&since=${encodeURIComponent(since)}`, opts.timeoutMs + 30_000);
        if (!res.ok) throw new Error(`_db_updates answered ${res.status}`);
        const body = (await res.json()) as { results?: DbUpdate[]; last_seq?: unknown };
        if (!Array.isArray(body.results) || body.last_seq === undefined) throw new Error('_db_updates answered without results or last_seq');
        if (body.results.length > 0) opts.onUpdates(body.results);
        since = String(body.last_seq);
      }
    } catch (err) {
      if (opts.signal.aborted) break;
      errors += 1;
      reason = `the feed of database updates failed: ${(err as Error).message}`;
      opts.onLost(reason);
      opts.log.warn({ errors, err: (err as Error).message }, 'change feed: _db_updates failed; reading every database, then following it again');
      await abortableDelay(backoffDelay(errors - 1, { baseMs: 250, maxMs: 30_000 }, () => 1), opts.signal);
    }
  }
  return { kind: 'stopped' };
}
