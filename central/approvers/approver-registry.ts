// Reads managers' approval keys from the catalog (`approver:<name>`) for the approval verdict,
// cached for a short while (default 60 s) so a burst of approved sales costs one read. This
// process drops an entry as soon as it writes the document (register-approver-key.ts); another
// central process sees a revocation within the cache time. A caller that finds no matching key
// asks again with `fresh` (a key registered a moment ago).
import type Nano from 'nano';
import type { Approver } from '../../validators/index.js';
import { couchError, isStatus } from '../couch/errors.js';

export interface ApproverRegistry {
  get(name: string, fresh?: boolean): Promise<Approver | null>;
  invalidate(name: string): void;
}

export const approverId = (name: string): string => `approver:${name}`;

export function createApproverRegistry(nano: Nano.ServerScope, opts: { ttlMs?: number; now?: () => number } = {}): ApproverRegistry {
  const ttlMs = opts.ttlMs ?? 60_000;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, { at: number; doc: Promise<Approver | null> }>();
  return {
    get(name, fresh = false) {
      const hit = cache.get(name);
      if (!fresh && hit && now() - hit.at < ttlMs) return hit.doc;
      const doc = nano.use('catalog').get(approverId(name)).then((d) => d as unknown as Approver, (err: unknown) => {
        if (isStatus(err, 404)) return null;
        cache.delete(name);
        throw couchError(err, `reading ${approverId(name)}`);
      });
      cache.set(name, { at: now(), doc });
      return doc;
    },
    invalidate(name) {
      cache.delete(name);
    },
  };
}
