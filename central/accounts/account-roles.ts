// The roles an account has now, read from CouchDB's `_users` database as central's admin
// (`org.couchdb.user:<name>`, https://docs.couchdb.org/en/stable/intro/security.html#users-documents),
// cached briefly: console sessions, script tokens and managers' approvals are judged by who the
// account is today, so an account deleted or stripped of a role stops counting within `ttlMs`.
// A missing account, or one an admin disabled (manage-accounts.ts), has no roles (null).
// Central's own server admin lives in CouchDB's configuration, not in `_users`: given its name, it keeps `_admin`.
import type Nano from 'nano';
import { couchError, isStatus } from '../couch/errors.js';

export interface AccountRoles {
  /** The account's roles, or null when there is no such account. */
  rolesOf(name: string): Promise<string[] | null>;
}

export interface AccountRolesOptions {
  /** The server admin central runs as (not in `_users`). */
  serverAdmin?: string;
  /** How long a read is trusted, ms. Default 5,000. */
  ttlMs?: number;
  now?: () => number;
}

const MAX_CACHED = 10_000;

export function createAccountRoles(nano: Nano.ServerScope, opts: AccountRolesOptions = {}): AccountRoles {
  const ttlMs = opts.ttlMs ?? 5_000;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, { at: number; roles: Promise<string[] | null> }>();
  const read = async (name: string): Promise<string[] | null> => {
    try {
      const doc = (await nano.use('_users').get(`org.couchdb.user:${name}`)) as unknown as { roles?: unknown; prontoDisabled?: unknown };
      if (doc.prontoDisabled !== undefined) return null;
      return Array.isArray(doc.roles) ? doc.roles.filter((r): r is string => typeof r === 'string') : [];
    } catch (err) {
      if (isStatus(err, 404)) return null;
      throw couchError(err, `reading the account ${name}`);
    }
  };
  return {
    rolesOf(name) {
      if (opts.serverAdmin !== undefined && name === opts.serverAdmin) return Promise.resolve(['_admin']);
      const hit = cache.get(name);
      if (hit && now() - hit.at < ttlMs) return hit.roles;
      const roles = read(name);
      cache.set(name, { at: now(), roles });
      if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
      roles.catch(() => cache.delete(name));
      return roles;
    },
  };
}
