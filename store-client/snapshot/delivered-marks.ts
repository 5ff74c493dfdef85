// How far each of the store's push lanes (replication-phases: the money push and the push of the
// rest) may start after a snapshot load instead of at local seq 0: the highest local seq up to
// which every change of that lane holds only revisions central itself sent in the snapshot, so a
// push has nothing there to ask central about (revs_diff) or send. A change written here meanwhile
// — a sale made during the first start — stops its lane's mark just before it, for good, and is
// pushed as always. Pure: the load feeds it the local changes feed (`style: 'all_docs'`, every
// leaf) after each page. PouchDB's changes feed lists each document once, at its latest seq, so a
// delivered document written again here moves above the mark and is pushed.
import type { PushLane } from '../replication-phases.js';

export type StoreLane = Exclude<PushLane, 'all'>;

export interface DeliveredMarks {
  /** The local seq the changes were read up to. */
  scannedTo: number;
  /** Per lane: every change of the lane at or below this seq is a delivered one. */
  money: number;
  rest: number;
  /** Lanes that met a change of their own: their mark moves no more. */
  stopped: StoreLane[];
}

export interface ChangeRow { id: string; seq: number | string; changes: { rev: string }[] }

export const NO_MARKS: DeliveredMarks = Object.freeze({ scannedTo: 0, money: 0, rest: 0, stopped: [] as StoreLane[] });

/** Whether every leaf of this change is a revision the snapshot delivered. */
export const isDelivered = (row: ChangeRow, delivered: ReadonlyMap<string, ReadonlySet<string>>): boolean =>
  row.changes.length > 0 && row.changes.every((c) => delivered.get(row.id)?.has(c.rev) === true);

/**
 * The marks after reading `rows` (in seq order, up to `lastSeq`). `laneOf` names the lane of each
 * change that was not delivered (the push that would carry it); called for those only.
 */
export function advanceMarks(marks: DeliveredMarks, rows: readonly ChangeRow[], lastSeq: number, delivered: ReadonlyMap<string, ReadonlySet<string>>, laneOf: (id: string) => StoreLane): DeliveredMarks {
  const next = { ...marks, stopped: [...marks.stopped] };
  for (const row of rows) {
    if (isDelivered(row, delivered)) continue;
    const lane = laneOf(row.id);
    if (next.stopped.includes(lane)) continue;
    next[lane] = Math.max(next[lane], Number(row.seq) - 1);
    next.stopped.push(lane);
  }
  for (const lane of ['money', 'rest'] as const) if (!next.stopped.includes(lane)) next[lane] = Math.max(next[lane], lastSeq);
  next.scannedTo = Math.max(marks.scannedTo, lastSeq);
  return next;
}
