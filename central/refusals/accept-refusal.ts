// An admin marks a refused upload accepted after correction: allowed only when central holds a
// later revision of the document that it counts (accept-verdict.ts), checked here against
// central's copy, not taken on the admin's word. The record keeps who, when, the note and the
// revision that settled it; then the trail gets `refusal.accepted` and the console an event.
// Written by `_rev`, like a dismissal: two admins at once get one success and one CONFLICT.
import { couchError, isStatus } from '../couch/errors.js';
import { ProntoError } from '../../validators/index.js';
import { CENTRAL_DATABASES } from '../setup/central-databases.js';
import { acceptVerdict, type HeldRevision } from './accept-verdict.js';
import { checkNote, type DismissDeps } from './dismiss-refusal.js';
import type { RefusalRecord } from './refusal-record.js';

export async function acceptRefusal(deps: DismissDeps, id: string, actor: string, note: unknown): Promise<RefusalRecord> {
  const text = checkNote(note, 'say what was corrected');
  const db = deps.nano.use<RefusalRecord>(CENTRAL_DATABASES.refusals);
  let record: RefusalRecord & { _rev: string };
  try {
    record = await db.get(id) as RefusalRecord & { _rev: string };
  } catch (err) {
    if (isStatus(err, 404)) throw new ProntoError('NOT_FOUND', `no refused upload ${id}`, { id });
    throw couchError(err, `reading refusal ${id}`);
  }
  const settled = record.dismissed ?? record.accepted;
  if (settled) throw new ProntoError('CONFLICT', `${id} was already ${record.dismissed ? 'dismissed' : 'accepted'} by ${settled.by}`, { id });
  const held = await heldRevision(deps, record.db, record.docId);
  const why = acceptVerdict(record.docId, record.rev, held);
  if (why !== null) throw new ProntoError('CONFLICT', why, { id, docId: record.docId, refusedRev: record.rev, heldRev: held?.rev ?? null });
  const accepted = { ...record, accepted: { by: actor, at: new Date((deps.now ?? Date.now)()).toISOString(), note: text, rev: held!.rev } };
  try {
    accepted._rev = (await db.insert(accepted)).rev;
  } catch (err) {
    if (isStatus(err, 409)) throw new ProntoError('CONFLICT', `${id} changed while accepting it; read it again`, { id });
    throw couchError(err, `accepting refusal ${id}`);
  }
  await deps.audit.append({ actor, action: 'refusal.accepted', target: record.db, details: { id, store: record.store, docId: record.docId, rev: record.rev, acceptedRev: held!.rev, note: text } });
  deps.bus.publish('refusal.accepted', { id, store: record.store, db: record.db, docId: record.docId, by: actor });
  return accepted;
}

/** Central's winning revision of the document, or null when it has none. */
async function heldRevision(deps: DismissDeps, dbName: string, docId: string): Promise<HeldRevision | null> {
  try {
    const doc = await deps.nano.use<{ _rev: string; quarantined?: unknown }>(dbName).get(docId) as { _rev: string; quarantined?: unknown };
    return { rev: doc._rev, quarantined: doc.quarantined !== undefined };
  } catch (err) {
    if (isStatus(err, 404)) return null;
    throw couchError(err, `reading ${docId} in ${dbName}`);
  }
}
