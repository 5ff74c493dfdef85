// How many seconds the change follower is behind a database, pure: each read of the lag notes the
// database's update_seq and when it was seen; a note is dropped once the follower's checkpoint
// reaches it; the oldest note still unreached says since when the follower has been behind. A
// follower that keeps up under steady writes (a few changes always in flight) stays near zero; a
// stalled one grows without bound, however few changes wait. Resolution: the interval of reads.

export interface SeqNote { seq: number; at: number }

/** Notes kept per database: past this, the two oldest are merged (keeping the older time). */
const MAX_NOTES = 32;

/** The notes after a read that saw `updateSeq` and `processed` at `now`, and the seconds behind. */
export function noteLag(notes: readonly SeqNote[], updateSeq: number | null, processed: number | null, now: number): { notes: SeqNote[]; secondsBehind: number } {
  if (updateSeq === null || processed === null) return { notes: [...notes], secondsBehind: notes.length > 0 ? (now - notes[0]!.at) / 1000 : 0 };
  const left = notes.filter((n) => n.seq > processed);
  if (updateSeq > processed && (left.length === 0 || left[left.length - 1]!.seq < updateSeq)) left.push({ seq: updateSeq, at: now });
  while (left.length > MAX_NOTES) left.splice(1, 1);
  return { notes: left, secondsBehind: left.length > 0 ? Math.max(0, now - left[0]!.at) / 1000 : 0 };
}
