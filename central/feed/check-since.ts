// Whether a stored checkpoint may be trusted, pure. CouchDB's sequences are opaque strings
// (`"42-g1AAAA…"`, https://docs.couchdb.org/en/stable/api/database/changes.html), the embedded
// server's are numbers; each begins with a number that grows with the database. A checkpoint
// beyond the database's own `update_seq`, one that is not a sequence at all, or one of the other
// kind of server (a bare number where the server's are opaque, as after a move from the
// embedded server: CouchDB answers it 400) was not written by us here — following from it
// would skip every change in between (central's checks switched off) or fail for ever, so it is
// refused and the follower starts again from the beginning (its work is idempotent).
//
// On a cluster the leading number is the sum of one copy's sequence per shard, and the copies of
// a shard count their own: updates that reach a copy together, or through internal replication
// after it was down, take one sequence there and several on the others. Measured on a 3-node
// CouchDB 3.4.3 (docs/OPERATIONS.md): one database's copies said 35, 51 and 63 for the same
// writes. A checkpoint read from one copy may then pass the update_seq read from another, so the
// comparison holds only where each shard has one copy (`severalCopies` false); with several,
// CouchDB itself checks the copies a sequence names (their uuid and epochs) and starts a copy it
// cannot place again from 0 (couch_db:calculate_start_seq).

export type SinceCheck = { ok: true; since: string } | { ok: false; reason: string };

export function checkSince(since: unknown, updateSeq: unknown, severalCopies = false): SinceCheck {
  if (since === undefined || since === null) return { ok: true, since: '0' };
  const at = seqNumber(since);
  if (at === null) return { ok: false, reason: `checkpoint ${JSON.stringify(since).slice(0, 80)} is not a sequence` };
  const top = seqNumber(updateSeq);
  if (top === null) return { ok: false, reason: `the database's update_seq ${JSON.stringify(updateSeq).slice(0, 80)} is not a sequence` };
  if (at > top && !(severalCopies && dependsOnCopies(since, updateSeq))) {
    return { ok: false, reason: `checkpoint ${at} is beyond the database's update_seq ${top}` };
  }
  if (at > 0 && isOpaqueSeq(since) !== isOpaqueSeq(updateSeq)) {
    return { ok: false, reason: `checkpoint ${JSON.stringify(since).slice(0, 80)} is a sequence of another kind of server than this one's (${JSON.stringify(updateSeq).slice(0, 40)})` };
  }
  return { ok: true, since: String(since) };
}

/**
 * Whether checkSince's answer depends on how many copies each shard has: an opaque checkpoint
 * whose leading number passes the update_seq's (the caller then asks the server, shard-copies.ts).
 */
export function dependsOnCopies(since: unknown, updateSeq: unknown): boolean {
  const at = seqNumber(since);
  const top = seqNumber(updateSeq);
  return at !== null && top !== null && at > top && isOpaqueSeq(since) && isOpaqueSeq(updateSeq);
}

/** The leading number of a sequence, or null when it is not one. */
export function seqNumber(seq: unknown): number | null {
  if (typeof seq === 'number') return Number.isSafeInteger(seq) && seq >= 0 ? seq : null;
  if (typeof seq !== 'string') return null;
  const m = /^(\d{1,15})(?:-[A-Za-z0-9_-]+)?$/.exec(seq);
  return m ? Number(m[1]) : null;
}

/** CouchDB 2+'s `N-<opaque>` form, as opposed to a bare number (the embedded server, CouchDB 1). */
function isOpaqueSeq(seq: unknown): boolean {
  return typeof seq === 'string' && /^\d{1,15}-[A-Za-z0-9_-]+$/.test(seq);
}
