// The I/O around delivered-marks: after each snapshot page, reads the local changes since the
// last read (no bodies, every leaf) and moves the push lanes' marks; at the end, writes each
// lane's push checkpoint at its mark (replication-checkpoint), so the till's first pushes do not
// ask central (revs_diff) about every document central just sent, and the pending count (which
// follows those pushes' checkpoints) drops them at once. A change that is not the snapshot's —
// a sale made during the first start — stops its lane's mark before it: it is pushed as always.
// https://docs.couchdb.org/en/stable/replication/protocol.html (checkpoints, revs_diff)
import type { Db } from '../pouch-types.js';
import { LANE_SELECTORS, PRIORITY_TYPES } from '../replication-phases.js';
import { advanceMarks, isDelivered, type ChangeRow, type DeliveredMarks, type StoreLane } from './delivered-marks.js';
import { writePushCheckpoint } from './replication-checkpoint.js';

/** Adds a page's revisions (every leaf it carries) to what this load delivered. */
export function noteDelivered(delivered: Map<string, Set<string>>, docs: readonly object[]): void {
  for (const doc of docs as { _id?: unknown; _rev?: unknown }[]) {
    if (typeof doc._id !== 'string' || typeof doc._rev !== 'string') continue;
    const revs = delivered.get(doc._id) ?? new Set<string>();
    revs.add(doc._rev);
    delivered.set(doc._id, revs);
  }
}

/**
 * Reads the local changes since `marks.scannedTo` and returns the marks moved past them; with
 * `write`, then writes each lane's push checkpoint at its mark.
 */
export async function passDelivered(local: Db, marks: DeliveredMarks, delivered: ReadonlyMap<string, ReadonlySet<string>>, write?: { remote: Db; session: string }): Promise<DeliveredMarks> {
  const res = await local.changes({ since: marks.scannedTo, style: 'all_docs' });
  const rows = res.results as unknown as ChangeRow[];
  const lanes = await lanesOf(local, rows.filter((r) => !isDelivered(r, delivered)).map((r) => r.id));
  const next = advanceMarks(marks, rows, Number(res.last_seq), delivered, (id) => lanes.get(id) ?? 'rest');
  if (write) {
    for (const lane of ['money', 'rest'] as const) {
      if (next[lane] > 0) await writePushCheckpoint(local, write.remote, next[lane], write.session, LANE_SELECTORS[lane]);
    }
  }
  return next;
}

/** The push that carries each document: the money push for a sale, move or return, the other one
 *  for anything else (a tombstone has no type: the money push's selector does not match it). */
async function lanesOf(local: Db, ids: readonly string[]): Promise<Map<string, StoreLane>> {
  if (ids.length === 0) return new Map();
  const res = await local.allDocs({ keys: [...new Set(ids)], include_docs: true });
  const money: readonly string[] = PRIORITY_TYPES;
  return new Map(res.rows.map((row) => {
    const type = (row as { doc?: { type?: unknown } | null }).doc?.type;
    return [(row as { key: string }).key, typeof type === 'string' && money.includes(type) ? 'money' : 'rest'] as const;
  }));
}
