// The published settings an admin edits as one `value` (`settings:pos`, `settings:sync`), in the
// catalog, where tills pull them. A write is validated whole with the same schema CouchDB's
// validate_doc_update runs (and checkSettingsValue) before anything is stored, and answers what
// it replaced, for the audit entry. https://docs.couchdb.org/en/stable/api/document/common.html
import type Nano from 'nano';
import { ProntoError, validate, type Settings } from '../../validators/index.js';
import { couchError, isStatus } from '../couch/errors.js';
import { exclusiveInsert } from '../couch/exclusive-writes.js';
import type { CentralClock } from '../central-clock.js';
import { checkSettingsValue } from './check-settings.js';

export const EDITABLE_KEYS = ['pos', 'sync'] as const;
export type EditableKey = (typeof EDITABLE_KEYS)[number];

export interface SettingsChange { before: unknown; after: unknown }

export interface SettingsStore {
  /** The stored value (undefined: none yet, the defaults apply) and when and by whom it was written. */
  get(key: EditableKey): Promise<{ value: unknown; updatedAt?: string; updatedBy?: string }>;
  /** Validates and stores `value`; throws VALIDATION_FAILED naming the field and keeps the old one. */
  put(key: EditableKey, value: unknown, actor: string): Promise<SettingsChange>;
}

export function createSettingsStore(nano: Nano.ServerScope, clock: Pick<CentralClock, 'stampAfter'>): SettingsStore {
  const catalog = nano.use<Settings>('catalog');
  const read = async (key: EditableKey): Promise<Settings | undefined> => {
    try {
      return await catalog.get(`settings:${key}`);
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw couchError(err, `reading settings:${key}`);
    }
  };
  return {
    async get(key) {
      const doc = await read(key);
      return doc ? { value: doc.value, updatedAt: doc.updatedAt, updatedBy: doc.updatedBy } : { value: undefined };
    },
    async put(key, value, actor) {
      if (value === undefined) throw new ProntoError('VALIDATION_FAILED', 'settings/value is required', { type: 'settings', field: 'value' });
      const current = await read(key);
      const doc = validate({
        _id: `settings:${key}`, type: 'settings', key, value, updatedAt: clock.stampAfter([current?.updatedAt]), updatedBy: actor,
        ...(current?._rev ? { _rev: current._rev } : {}),
      }, { db: 'catalog' }) as Settings;
      checkSettingsValue(key, value);
      try {
        await exclusiveInsert(nano, 'catalog', doc);
      } catch (err) {
        if (isStatus(err, 409)) throw new ProntoError('CONFLICT', `settings:${key} changed meanwhile; read it again`, { key }, err);
        throw couchError(err, `saving settings:${key}`);
      }
      return { before: current?.value, after: doc.value };
    },
  };
}
