// What the SyncManager does after a failed (re)connect, pure: come back after a jittered
// back-off, or wait for new credentials. A refusal (401/403, `denied`) is not retried on its own:
// the same name and password would fail again, and every failure counts towards a lockout.
// Apache CouchDB 3.4+ counts failed password checks per (client IP, user name, the account's
// stored salt) and, at `[chttpd_auth_lockout] threshold` (default 5, mode `enforce` by default),
// answers 403 "Account is temporarily locked due to multiple authentication failures" — to the
// right password too — until `max_lifetime` (default 300000 ms) after the first failure
// (apache/couchdb rel/overlay/etc/default.ini [chttpd_auth_lockout];
// src/couch/src/couch_auth_lockout.erl; src/couch/src/couch_httpd_auth.erl authenticate/5).
// The salt is the account's current one, so failures with an old password after a change lock
// the new one; and every till of a store behind one address is the same client. Central's own
// lockout counts the same way (central/http/auth/login-throttle.ts).

import { backoffDelay, type BackoffOptions } from './backoff.js';
import type { SyncFailure } from './classify-sync-error.js';

/** `retry`: reconnect after `delayMs`; `await-credentials`: stay quiet until new credentials or retryNow(). */
export type RetryPlan =
  | { readonly kind: 'retry'; readonly delayMs: number }
  | { readonly kind: 'await-credentials' };

/**
 * The plan after failed (re)connect number `attempt` (1 = the first failure in a row).
 * `backoff.previousMs` is the delay chosen last time (decorrelated jitter).
 */
export function retryPlan(failure: Pick<SyncFailure, 'state'>, attempt: number, backoff: BackoffOptions, random: () => number = Math.random): RetryPlan {
  if (failure.state === 'denied') return { kind: 'await-credentials' };
  return { kind: 'retry', delayMs: backoffDelay(Math.max(attempt - 1, 0), backoff, random) };
}
