// CouchDB's deterministic winning revision among a document's leaves, as every replica picks it
// without talking to the others (https://docs.couchdb.org/en/stable/replication/conflicts.html,
// PouchDB's pouchdb-merge `winningRev`): a live leaf beats a deletion, then the higher
// generation, then the greater revision hash compared as a string.
import { ProntoError } from '../../validators/index.js';
import type { Leaf } from './types.js';

export function couchWinner<L extends Leaf>(leaves: readonly L[]): L {
  let winner: L | undefined;
  for (const leaf of leaves) if (winner === undefined || beats(leaf, winner)) winner = leaf;
  if (winner === undefined) throw new ProntoError('INTERNAL', 'couchWinner needs at least one leaf');
  return winner;
}

function beats(a: Leaf, b: Leaf): boolean {
  if (a.deleted !== b.deleted) return !a.deleted;
  const [genA, hashA] = splitRev(a.rev);
  const [genB, hashB] = splitRev(b.rev);
  if (genA !== genB) return genA > genB;
  return hashA > hashB;
}

// Generations compare as numbers (10 beats 9); a malformed rev sorts below every real one.
function splitRev(rev: string): [number, string] {
  const dash = rev.indexOf('-');
  const gen = Number(rev.slice(0, dash));
  return dash > 0 && Number.isInteger(gen) ? [gen, rev.slice(dash + 1)] : [-1, rev];
}
