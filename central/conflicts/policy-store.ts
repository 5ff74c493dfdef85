// The conflict policy lives in the catalog as `settings:conflict-policy`; without one, the
// built-in default applies. Reads are cached until the document changes (the resolver follows
// the catalog and calls `invalidate`); writes are validated whole before anything is stored.
import type Nano from 'nano';
import { ProntoError, validate, type ConflictPolicy, type Settings } from '../../validators/index.js';
import { couchError, isStatus } from '../couch/errors.js';
import { defaultPolicy } from './default-policy.js';
import type { CentralClock } from '../central-clock.js';

export const POLICY_ID = 'settings:conflict-policy';

export interface PolicyStore {
  get(): Promise<ConflictPolicy>;
  /**
   * Validates and stores a new policy; throws VALIDATION_FAILED (naming the field) and keeps the
   * old one. Stamped `stamp`, else by the store's clock after the policy it replaces.
   */
  put(policy: unknown, actor: string, stamp?: string): Promise<ConflictPolicy>;
  invalidate(): void;
}

export function createPolicyStore(nano: Nano.ServerScope, clock?: Pick<CentralClock, 'stampAfter'>): PolicyStore {
  let cached: Promise<ConflictPolicy> | undefined;
  const catalog = nano.use<Settings>('catalog');

  async function read(): Promise<Settings | undefined> {
    try {
      return await catalog.get(POLICY_ID);
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw couchError(err, 'reading the conflict policy');
    }
  }

  return {
    get() {
      cached ??= read().then((doc) => (doc?.policy as ConflictPolicy | undefined) ?? defaultPolicy, (err) => { cached = undefined; throw err; });
      return cached;
    },
    async put(policy, actor, stamp) {
      const current = await read();
      const at = stamp ?? clock?.stampAfter([current?.updatedAt]);
      if (at === undefined) throw new ProntoError('INTERNAL', 'a policy store without a clock needs a stamp');
      const doc = validate({
        _id: POLICY_ID, type: 'settings', key: 'conflict-policy', policy, updatedAt: at, updatedBy: actor,
        ...(current?._rev ? { _rev: current._rev } : {}),
      }, { db: 'catalog' }) as Settings;
      try {
        await catalog.insert(doc);
      } catch (err) {
        throw couchError(err, 'saving the conflict policy');
      }
      cached = undefined;
      return doc.policy as ConflictPolicy;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
