// Whether a refused upload may be marked accepted, pure: only when central now holds a later
// revision of the same document that it counts — the till corrected it and the correction went
// through. Null when it may, else why not (the console shows it; the route answers 409).
export interface HeldRevision { rev: string; deleted?: boolean; quarantined?: boolean }

const generation = (rev: string): number => Number.parseInt(rev, 10) || 0;

export function acceptVerdict(docId: string, refusedRev: string, held: HeldRevision | null): string | null {
  if (held === null || held.deleted) return `central holds no revision of ${docId}: correct it on the till and let it sync first`;
  if (generation(held.rev) <= generation(refusedRev)) {
    return `central's revision of ${docId} (${held.rev}) is not later than the refused one (${refusedRev}): correct it on the till and let it sync first`;
  }
  if (held.quarantined) return `central's revision of ${docId} (${held.rev}) is quarantined: release it or dismiss this refusal`;
  return null;
}
