// Whether a stored checkpoint may be trusted, pure. CouchDB's sequences are opaque strings
// (`"42-g1AAAA…"` on a cluster, `42` on the embedded server; https://docs.couchdb.org/en/stable/api/database/changes.html)
// but each begins with a number that grows with the database: a checkpoint beyond the
// database's own `update_seq`, or one that is not a sequence at all, was not written by us —
// following from it would skip every change in between (central's checks switched off), so it
// is refused and the follower starts again from the beginning (its work is idempotent).

export type SinceCheck = { ok: true; since: string } | { ok: false; reason: string };

export function checkSince(since: unknown, updateSeq: unknown): SinceCheck {
  if (since === undefined || since === null) return { ok: true, since: '0' };
  const at = seqNumber(since);
  if (at === null) return { ok: false, reason: `checkpoint ${JSON.stringify(since).slice(0, 80)} is not a sequence` };
  const top = seqNumber(updateSeq);
  if (top === null) return { ok: false, reason: `the database's update_seq ${JSON.stringify(updateSeq).slice(0, 80)} is not a sequence` };
  if (at > top) return { ok: false, reason: `checkpoint ${at} is beyond the database's update_seq ${top}` };
  return { ok: true, since: String(since) };
}

/** The leading number of a sequence, or null when it is not one. */
export function seqNumber(seq: unknown): number | null {
  if (typeof seq === 'number') return Number.isSafeInteger(seq) && seq >= 0 ? seq : null;
  if (typeof seq !== 'string') return null;
  const m = /^(\d{1,15})(?:-[A-Za-z0-9_-]+)?$/.exec(seq);
  return m ? Number(m[1]) : null;
}
