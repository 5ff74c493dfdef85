// An admin settles a refused upload with a note: `dismiss` (it was looked at; nothing to
// correct) or `accept` (corrected: allowed only when central holds a later revision of the
// document that it counts, accept-verdict.ts, checked against central's copy, not taken on the
// admin's word). One path for both: the record keeps who, when, the note (and, accepted, the
// revision that settled it), written first, by its `_rev`, so two admins at once get one success
// and one CONFLICT; then the trail gets `refusal.dismissed` / `refusal.accepted` (only for what
// happened) and the console an event of the same name.
import type Nano from 'nano';
import type { AuditWriter } from '../audit/append-audit.js';
import type { EventBus } from '../events/event-bus.js';
import { couchError, isStatus } from '../couch/errors.js';
import { exclusiveInsert } from '../couch/exclusive-writes.js';
import { ProntoError } from '../../validators/index.js';
import { CENTRAL_DATABASES } from '../setup/central-databases.js';
import { acceptVerdict, type HeldRevision } from './accept-verdict.js';
import { checkNote } from './check-note.js';
import type { RefusalRecord } from './refusal-record.js';

export type RefusalAction = 'dismiss' | 'accept';
export const REFUSAL_ACTIONS: readonly RefusalAction[] = ['dismiss', 'accept'];

export interface SettleDeps { nano: Nano.ServerScope; audit: AuditWriter; bus: EventBus; now?: () => number }

type Stored = RefusalRecord & { _rev: string };

const WORDS = {
  dismiss: { note: 'say why the refusal is dismissed', doing: 'dismissing', done: 'dismissed' },
  accept: { note: 'say what was corrected', doing: 'accepting', done: 'accepted' },
} as const satisfies Record<RefusalAction, { note: string; doing: string; done: string }>;

export async function settleRefusal(deps: SettleDeps, action: RefusalAction, id: string, actor: string, note: unknown): Promise<RefusalRecord> {
  const words = WORDS[action];
  const text = checkNote(note, words.note);
  const db = deps.nano.use<RefusalRecord>(CENTRAL_DATABASES.refusals);
  const record = await readRecord(db, id);
  const settled = record.dismissed ?? record.accepted;
  if (settled) throw new ProntoError('CONFLICT', `${id} was already ${record.dismissed ? 'dismissed' : 'accepted'} by ${settled.by}`, { id, ...(record.dismissed ? { dismissed: record.dismissed } : { accepted: record.accepted }) });
  const settlement = { by: actor, at: new Date((deps.now ?? Date.now)()).toISOString(), note: text };
  let next: Stored;
  let details: Record<string, unknown> = { id, store: record.store, docId: record.docId, rev: record.rev, note: text };
  if (action === 'accept') {
    const held = await heldRevision(deps.nano, record.db, record.docId);
    const why = acceptVerdict(record.docId, record.rev, held);
    if (why !== null) throw new ProntoError('CONFLICT', why, { id, docId: record.docId, refusedRev: record.rev, heldRev: held?.rev ?? null });
    next = { ...record, accepted: { ...settlement, rev: held!.rev } };
    details = { ...details, acceptedRev: held!.rev };
  } else {
    next = { ...record, dismissed: settlement };
  }
  try {
    next._rev = (await exclusiveInsert(deps.nano, CENTRAL_DATABASES.refusals, next)).rev;
  } catch (err) {
    if (isStatus(err, 409)) throw new ProntoError('CONFLICT', `${id} changed while ${words.doing} it; read it again`, { id });
    throw couchError(err, `${words.doing} refusal ${id}`);
  }
  await deps.audit.append({ actor, action: `refusal.${words.done}`, target: record.db, details });
  deps.bus.publish(`refusal.${words.done}`, { id, store: record.store, db: record.db, docId: record.docId, by: actor });
  return next;
}

async function readRecord(db: Nano.DocumentScope<RefusalRecord>, id: string): Promise<Stored> {
  try {
    return await db.get(id) as Stored;
  } catch (err) {
    if (isStatus(err, 404)) throw new ProntoError('NOT_FOUND', `no refused upload ${id}`, { id });
    throw couchError(err, `reading refusal ${id}`);
  }
}

/** Central's winning revision of the document, or null when it has none. */
async function heldRevision(nano: Nano.ServerScope, dbName: string, docId: string): Promise<HeldRevision | null> {
  try {
    const doc = await nano.use<{ _rev: string; quarantined?: unknown }>(dbName).get(docId) as { _rev: string; quarantined?: unknown };
    return { rev: doc._rev, quarantined: doc.quarantined !== undefined };
  } catch (err) {
    if (isStatus(err, 404)) return null;
    throw couchError(err, `reading ${docId} in ${dbName}`);
  }
}
