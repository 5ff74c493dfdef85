// Which revision of an immutable document (sale, move, return) central keeps when it finds more
// than one live leaf, pure. A store writes such a document once, so a second live leaf is never a
// normal edit: it is either a forged branch (a tamper incident) or, for a void — whose id comes
// from the sale, so two tills voiding one sale meet on it — the same sale voided at two tills.
// The revision to keep is the one signed by a key of the device the document names (`verdict`
// null); among several, the earliest stamp, then CouchDB's own winner order, so every central
// picks the same one. Every other live leaf is removed.
// https://docs.couchdb.org/en/stable/replication/conflicts.html
import { couchWinner } from '../conflicts/couch-winner.js';
import type { Leaf } from '../conflicts/types.js';

export interface JudgedLeaf extends Leaf {
  /** null when the revision verifies (signed by a key of the device it names), else why not. */
  verdict: string | null;
}

export interface TamperDecision {
  keep: string;
  remove: string[];
  /** `tamper`: a branch that is not the device's own; `void-twice`: two tills voided one sale. */
  incident: 'tamper' | 'void-twice';
  /** For a human: what was found and why `keep` was kept. */
  reason: string;
}

export function pickLegitimate(docId: string, leaves: readonly JudgedLeaf[]): TamperDecision | null {
  const live = leaves.filter((l) => !l.deleted);
  if (live.length < 2) return null;
  const verified = live.filter((l) => l.verdict === null);
  const pool = verified.length > 0 ? verified : live;
  const keep = earliest(pool);
  const remove = live.filter((l) => l.rev !== keep.rev).map((l) => l.rev).sort();
  if (verified.length > 1 && isVoid(docId)) {
    return { keep: keep.rev, remove, incident: 'void-twice', reason: `${verified.length} tills voided the same sale; the first void is kept, check the other refunds` };
  }
  const reason = verified.length === 1
    ? `${live.length - 1} revision(s) not signed by the device the document names were removed`
    : verified.length === 0
      ? 'no revision verifies; the earliest was kept and stays quarantined'
      : `${verified.length} revisions verify with the device's own keys (is the device compromised?); the earliest was kept`;
  return { keep: keep.rev, remove, incident: 'tamper', reason };
}

function earliest(leaves: readonly JudgedLeaf[]): JudgedLeaf {
  const stamp = (l: JudgedLeaf) => (typeof l.body.updatedAt === 'string' ? l.body.updatedAt : '');
  const first = leaves.reduce((a, b) => (stamp(b) < stamp(a) ? b : a));
  return couchWinner(leaves.filter((l) => stamp(l) === stamp(first)));
}

const isVoid = (docId: string): boolean => /^return:[^:]+:void:/.test(docId);
