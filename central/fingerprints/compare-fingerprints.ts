// What a starting process does with the fingerprints already published on its CouchDB: publish
// its own (none yet), go on (all agree), add the ones not published yet (a process holding fewer
// secrets, e.g. `pronto-sync resolve`, published first), or refuse, naming every secret that
// differs. Pure: plain data in, a plain verdict out.
import { SHARED_SECRETS, type Fingerprints, type SecretName } from './fingerprint-secret.js';

export type Verdict =
  | { kind: 'publish'; fingerprints: Fingerprints }
  | { kind: 'same' }
  | { kind: 'add'; fingerprints: Fingerprints; added: SecretName[] }
  | { kind: 'differ'; names: SecretName[] };

export function compareFingerprints(published: Fingerprints | undefined, mine: Fingerprints): Verdict {
  if (published === undefined) return { kind: 'publish', fingerprints: pick(mine) };
  const differ = SHARED_SECRETS.filter((n) => mine[n] !== undefined && published[n] !== undefined && mine[n] !== published[n]);
  if (differ.length > 0) return { kind: 'differ', names: differ };
  const added = SHARED_SECRETS.filter((n) => mine[n] !== undefined && published[n] === undefined);
  if (added.length === 0) return { kind: 'same' };
  return { kind: 'add', fingerprints: pick({ ...published, ...mine }), added };
}

/** The names whose fingerprint `next` changes (or adds) against `published`: what a re-publish rotates. */
export function changedSecrets(published: Fingerprints | undefined, next: Fingerprints): SecretName[] {
  return SHARED_SECRETS.filter((n) => next[n] !== undefined && published?.[n] !== next[n]);
}

// Only the known names, in one order, so a stored document never carries anything else.
function pick(f: Fingerprints): Fingerprints {
  const out: Fingerprints = {};
  for (const n of SHARED_SECRETS) if (f[n] !== undefined) out[n] = f[n];
  return out;
}
