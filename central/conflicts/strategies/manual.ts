// An admin decides: CouchDB's winner stays in place and the conflict is queued for review.
// A live leaf against deletions only is no conflict CouchDB reports (`_conflicts` lists live
// leaves), so that case is settled like every other strategy settles it.
import { couchWinner } from '../couch-winner.js';
import type { Strategy } from '../types.js';
import { settleTrivially } from './settle-trivially.js';

export const manual: Strategy = (leaves) => {
  const settled = settleTrivially(leaves);
  if (settled) return settled;
  const type = couchWinner(leaves).body.type;
  return { kind: 'needs-review', reason: `policy for ${typeof type === 'string' ? type : 'untyped documents'} is manual` };
};
