// Central's connections to its database, bounded and kept alive. Two HTTP clients speak to it:
// nano (central's own reads and writes: setup, snapshots, rules, audit, the follower's jobs) on an
// undici Agent, and the /db proxy (the tills' requests) on Node's http.Agent, which is what
// http-proxy takes. Without caps, 500 tills' retries and central's work held 5,418 sockets to the
// embedded server, its accept queue full (docs/OPERATIONS.md, "Scale on one machine").
//
// Long-polls cannot share a capped pool: a till holds up to three live `_changes` long-polls for
// minutes, so once they filled the cap every short request would wait behind them. They go on a
// pool of their own, bounded by the tills' own budget (four connections a till), and every other
// request waits in central's queue for one of COUCH_SOCKETS sockets.
//
// Idle sockets: the client always closes first. Node's http server closes a kept-alive socket
// after `keepAliveTimeout` (5 s by default) and central's http.Agent used the same 5 s from the
// server's `Keep-Alive: timeout=5` hint, so a request sent on a socket as the server closed it
// got ECONNRESET or "socket hang up" (502 to a till). Central now drops an idle socket after
// CLIENT_IDLE_MS, and the embedded server keeps one for SERVER_KEEP_ALIVE_MS, longer.
import http from 'node:http';
import https from 'node:https';
import { Agent } from 'undici';

/** Sockets per pool for short requests to the database (nano's and the proxy's each). */
export const COUCH_SOCKETS = 64;
/** Central closes a socket idle this long. */
export const CLIENT_IDLE_MS = 30_000;
/** The embedded server keeps an idle kept-alive socket this long: longer than CLIENT_IDLE_MS. */
export const SERVER_KEEP_ALIVE_MS = 65_000;

/** nano's dispatcher: at most `sockets` connections to the database, idle ones closed after CLIENT_IDLE_MS. */
export function couchDispatcher(sockets: number = COUCH_SOCKETS): Agent {
  // keepAliveMaxTimeout caps what a server's Keep-Alive hint may ask for; undici also closes
  // keepAliveTimeoutThreshold (1 s) before the hint.
  return new Agent({ connections: sockets, keepAliveTimeout: CLIENT_IDLE_MS, keepAliveMaxTimeout: CLIENT_IDLE_MS });
}

/** A kept-alive http.Agent for the proxy; `maxSockets` undefined for no cap (long-polls). */
function proxyAgent(couchUrl: string, maxSockets: number | undefined): http.Agent {
  const options: http.AgentOptions = { keepAlive: true, timeout: CLIENT_IDLE_MS, scheduling: 'lifo', ...(maxSockets === undefined ? {} : { maxSockets }) };
  return new URL(couchUrl).protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
}

/** The /db proxy's two pools: short requests, capped, and live long-polls (see the header). */
export interface ProxyPools { short: http.Agent; longPoll: http.Agent }

export function createProxyPools(couchUrl: string, sockets: number = COUCH_SOCKETS): ProxyPools {
  return { short: proxyAgent(couchUrl, sockets), longPoll: proxyAgent(couchUrl, undefined) };
}

/** What a pool holds now: sockets busy with a request, kept idle, and requests queued in central for a socket. */
export interface PoolLoad { busy: number; idle: number; queued: number }

/** Reads an http.Agent's own lists (one entry per host:port; the proxy has one). Pure. */
export function poolLoad(agent: Pick<http.Agent, 'sockets' | 'freeSockets' | 'requests'>): PoolLoad {
  const count = (lists: NodeJS.ReadOnlyDict<readonly unknown[]>) => Object.values(lists).reduce((n, list) => n + (list?.length ?? 0), 0);
  const idle = count(agent.freeSockets);
  // Node lists a kept-alive idle socket in `freeSockets` only, a socket serving a request in `sockets`.
  return { busy: count(agent.sockets), idle, queued: count(agent.requests) };
}

/** Whether a request (method and path with query) to the database holds its connection until a change comes: a live `_changes` or `_db_updates`. */
export function isLongPoll(method: string, url: string): boolean {
  if (method !== 'GET' && method !== 'POST') return false;
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (!/\/_(changes|db_updates)$/.test(path)) return false;
  const feed = new URLSearchParams(q === -1 ? '' : url.slice(q + 1)).get('feed');
  return feed === 'longpoll' || feed === 'continuous' || feed === 'eventsource';
}
