// Decides what a replication failure means for the till, pure. PouchDB's http adapter rejects
// with a plain fetch `TypeError('fetch failed')` (cause ECONNREFUSED…) in Node and
// `TypeError('Failed to fetch')` in Chromium when central is unreachable, and with `{status, name, reason}` built from CouchDB's JSON otherwise.

import type { SyncState } from './sync-status.js';

export interface SyncFailure {
  state: Extract<SyncState, 'offline' | 'denied' | 'error'>;
  code: 'SYNC_OFFLINE' | 'SYNC_DENIED' | 'COUCH_ERROR';
  message: string;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE',
  'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT',
]);
const UNREACHABLE_STATUS = new Set([0, 502, 503, 504]);

interface ErrorLike {
  status?: number;
  name?: string;
  code?: string;
  message?: string;
  reason?: string;
  cause?: unknown;
}

function chain(err: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  let cur: unknown = err;
  while (typeof cur === 'object' && cur !== null && out.length < 5) {
    out.push(cur as ErrorLike);
    cur = (cur as ErrorLike).cause;
  }
  return out;
}

function isNetworkError(links: ErrorLike[]): boolean {
  return links.some(
    (e) =>
      (e.code !== undefined && NETWORK_CODES.has(e.code)) ||
      e.name === 'AbortError' ||
      e.name === 'TimeoutError' ||
      /fetch failed|failed to fetch|network|socket hang up|terminated/i.test(e.message ?? '') ||
      // A body cut off mid-answer (the connection dropped while reading it) fails as truncated JSON.
      /unexpected end of (json input|data)/i.test(e.message ?? ''),
  );
}

export function classifySyncError(err: unknown): SyncFailure {
  const links = chain(err);
  const top = links[0] ?? {};
  const name = (top.name ?? '').toLowerCase();
  // Credentials never appear here: PouchDB's messages carry CouchDB's reason, not the URL.
  const message = top.reason ?? top.message ?? String(err);
  if (top.status === 401 || top.status === 403 || name === 'unauthorized' || name === 'forbidden') {
    return { state: 'denied', code: 'SYNC_DENIED', message };
  }
  if ((top.status !== undefined && UNREACHABLE_STATUS.has(top.status)) || isNetworkError(links)) {
    return { state: 'offline', code: 'SYNC_OFFLINE', message };
  }
  return { state: 'error', code: 'COUCH_ERROR', message };
}
