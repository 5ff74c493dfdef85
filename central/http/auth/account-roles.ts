// An account's roles as they are now, from CouchDB's `_users` (read as central's server admin),
// cached for five seconds: console sessions and script tokens are re-checked against it on every
// request, so an account deleted or stripped of a role loses what it gave within `ttlMs`, not
// after an 8-hour session or never (a token). Central's own server admin lives in CouchDB's
// configuration, not in `_users`: it keeps `_admin`.
import type Nano from 'nano';
import { couchError, isStatus } from '../../couch/errors.js';

export interface AccountRoles {
  /** The account's roles, or null when there is no such account. */
  of(name: string): Promise<string[] | null>;
}

export function createAccountRoles(nano: Nano.ServerScope, serverAdmin: string, ttlMs = 5_000, now: () => number = Date.now): AccountRoles {
  const cache = new Map<string, { at: number; roles: Promise<string[] | null> }>();
  const read = async (name: string): Promise<string[] | null> => {
    try {
      const doc = (await nano.use('_users').get(`org.couchdb.user:${name}`)) as unknown as { roles?: unknown };
      return Array.isArray(doc.roles) ? doc.roles.filter((r): r is string => typeof r === 'string') : [];
    } catch (err) {
      if (isStatus(err, 404)) return null;
      throw couchError(err, `reading the account ${name}`);
    }
  };
  return {
    of(name) {
      if (name === serverAdmin) return Promise.resolve(['_admin']);
      const hit = cache.get(name);
      if (hit && now() - hit.at < ttlMs) return hit.roles;
      const roles = read(name);
      cache.set(name, { at: now(), roles });
      if (cache.size > 10_000) cache.delete(cache.keys().next().value!);
      roles.catch(() => cache.delete(name));
      return roles;
    },
  };
}
