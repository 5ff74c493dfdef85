// An admin dismisses a refused upload with a note (it was looked at; nothing to correct): the
// record keeps who, when and why, then the trail gets `refusal.dismissed` and the console an
// event. The record is written first, by its `_rev`: a second admin dismissing at the same time
// gets CONFLICT, and an audit entry is only written for what happened.
import type Nano from 'nano';
import type { AuditWriter } from '../audit/append-audit.js';
import type { EventBus } from '../events/event-bus.js';
import { couchError, isStatus } from '../couch/errors.js';
import { ProntoError } from '../../validators/index.js';
import { CENTRAL_DATABASES } from '../setup/central-databases.js';
import type { RefusalRecord } from './refusal-record.js';

export const MAX_NOTE = 500;

export interface DismissDeps { nano: Nano.ServerScope; audit: AuditWriter; bus: EventBus; now?: () => number }

/** The note, trimmed; a BAD_REQUEST naming `note` when it is missing, empty or too long. */
export function checkNote(note: unknown, why = 'say why the refusal is dismissed'): string {
  if (typeof note !== 'string' || note.trim() === '') throw new ProntoError('BAD_REQUEST', `note: ${why} (text, 1 to 500 characters)`, { param: 'note' });
  if (note.length > MAX_NOTE) throw new ProntoError('BAD_REQUEST', `note: at most ${MAX_NOTE} characters (got ${note.length})`, { param: 'note', length: note.length });
  return note.trim();
}

export async function dismissRefusal(deps: DismissDeps, id: string, actor: string, note: unknown): Promise<RefusalRecord> {
  const text = checkNote(note);
  const db = deps.nano.use<RefusalRecord>(CENTRAL_DATABASES.refusals);
  let record: RefusalRecord & { _rev: string };
  try {
    record = await db.get(id) as RefusalRecord & { _rev: string };
  } catch (err) {
    if (isStatus(err, 404)) throw new ProntoError('NOT_FOUND', `no refused upload ${id}`, { id });
    throw couchError(err, `reading refusal ${id}`);
  }
  if (record.dismissed) throw new ProntoError('CONFLICT', `${id} was already dismissed by ${record.dismissed.by}`, { id, dismissed: record.dismissed });
  const dismissed = { ...record, dismissed: { by: actor, at: new Date((deps.now ?? Date.now)()).toISOString(), note: text } };
  try {
    const res = await db.insert(dismissed);
    dismissed._rev = res.rev;
  } catch (err) {
    if (isStatus(err, 409)) throw new ProntoError('CONFLICT', `${id} changed while dismissing it; read it again`, { id });
    throw couchError(err, `dismissing refusal ${id}`);
  }
  await deps.audit.append({ actor, action: 'refusal.dismissed', target: record.db, details: { id, store: record.store, docId: record.docId, rev: record.rev, note: text } });
  deps.bus.publish('refusal.dismissed', { id, store: record.store, db: record.db, docId: record.docId, by: actor });
  return dismissed;
}
