// The roles an account has now, read from CouchDB's `_users` database as central's admin
// (`org.couchdb.user:<name>`, https://docs.couchdb.org/en/stable/intro/security.html#users-documents),
// cached briefly (default 60 s): an approval is judged by who the manager is today, so a manager
// who was demoted or deleted stops counting within that time. A missing account has no roles (null).
import type Nano from 'nano';
import { couchError, isStatus } from '../couch/errors.js';

export interface AccountRoles {
  rolesOf(name: string): Promise<string[] | null>;
}

export function createAccountRoles(nano: Nano.ServerScope, opts: { ttlMs?: number; now?: () => number } = {}): AccountRoles {
  const ttlMs = opts.ttlMs ?? 60_000;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, { at: number; roles: Promise<string[] | null> }>();
  return {
    rolesOf(name) {
      const hit = cache.get(name);
      if (hit && now() - hit.at < ttlMs) return hit.roles;
      const id = `org.couchdb.user:${name}`;
      const roles = nano.use('_users').get(id).then((doc) => {
        const list = (doc as { roles?: unknown }).roles;
        return Array.isArray(list) ? list.filter((r): r is string => typeof r === 'string') : [];
      }, (err: unknown) => {
        if (isStatus(err, 404)) return null;
        cache.delete(name);
        throw couchError(err, `reading the account ${name}`);
      });
      cache.set(name, { at: now(), roles });
      return roles;
    },
  };
}
