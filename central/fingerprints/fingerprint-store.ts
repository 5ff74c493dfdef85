// The one published set of secret fingerprints: document `secret-fingerprints` in central's own
// database `pronto-secret-fingerprints`. Why there: central's own databases admit only the server
// admin central runs as (`_security` members role `_admin`, setup/security.ts) — not tills, not
// cashiers or managers, not even chain admins, who may read `audit` — and nothing replicates
// them to stores. A fingerprint reveals nothing about its secret, but who may rewrite it decides
// which secrets the next central accepts, so only the server admin may.
// The first process writes it create-only (a PUT without `_rev`; CouchDB answers 409 to the
// second of two racing creates, which then reads and compares), later ones compare.
// https://docs.couchdb.org/en/stable/api/document/common.html#put--db-docid
import type Nano from 'nano';
import { ProntoError } from '../../validators/errors.js';
import { couchError, isStatus } from '../couch/errors.js';
import { ensureDatabase } from '../setup/ensure-database.js';
import { ensureSecurity } from '../setup/security.js';
import { CENTRAL_DATABASES } from '../setup/central-databases.js';
import { changedSecrets, compareFingerprints } from './compare-fingerprints.js';
import type { Fingerprints, SecretName } from './fingerprint-secret.js';
import { mismatchError } from './mismatch-error.js';

export const FINGERPRINTS_DB = CENTRAL_DATABASES.fingerprints;
export const FINGERPRINTS_DOC = 'secret-fingerprints';
const ATTEMPTS = 5;

interface FingerprintDoc {
  _id: string;
  _rev?: string;
  type: 'secret-fingerprints';
  fingerprints: Fingerprints;
  publishedAt: string;
}

export type CheckOutcome = 'published' | 'same' | 'added';

export interface CheckOptions {
  /** Called before a first publish, to refuse secrets that data already stored contradicts (audit-head-guard.ts). */
  beforeFirstPublish?: () => Promise<void>;
  now?: () => string;
}

/** Publishes `mine` if none are, adds the ones missing, or throws SECRET_MISMATCH naming each secret that differs. */
export async function checkFingerprints(nano: Nano.ServerScope, mine: Fingerprints, options: CheckOptions = {}): Promise<CheckOutcome> {
  const now = options.now ?? (() => new Date().toISOString());
  await ensureFingerprintsDb(nano);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const doc = await readDoc(nano);
    const verdict = compareFingerprints(doc?.fingerprints, mine);
    if (verdict.kind === 'differ') throw mismatchError(verdict.names, FINGERPRINTS_DB);
    if (verdict.kind === 'same') return 'same';
    if (verdict.kind === 'publish') await options.beforeFirstPublish?.();
    const next: FingerprintDoc = { _id: FINGERPRINTS_DOC, type: 'secret-fingerprints', fingerprints: verdict.fingerprints, publishedAt: now(), ...(doc?._rev ? { _rev: doc._rev } : {}) };
    if (await write(nano, next)) return verdict.kind === 'publish' ? 'published' : 'added';
    // 409: another process published meanwhile; read theirs and compare again.
  }
  throw raced();
}

/** Replaces the published fingerprints with `mine` (a deliberate rotation); answers the secrets whose fingerprint changed. */
export async function publishFingerprints(nano: Nano.ServerScope, mine: Fingerprints, now: () => string = () => new Date().toISOString()): Promise<SecretName[]> {
  await ensureFingerprintsDb(nano);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const doc = await readDoc(nano);
    const changed = changedSecrets(doc?.fingerprints, mine);
    if (changed.length === 0) return [];
    const next: FingerprintDoc = { _id: FINGERPRINTS_DOC, type: 'secret-fingerprints', fingerprints: { ...doc?.fingerprints, ...mine }, publishedAt: now(), ...(doc?._rev ? { _rev: doc._rev } : {}) };
    if (await write(nano, next)) return changed;
  }
  throw raced();
}

/** The published fingerprints, undefined when none are. */
export async function readFingerprints(nano: Nano.ServerScope): Promise<Fingerprints | undefined> {
  return (await readDoc(nano))?.fingerprints;
}

// Idempotent, as setup does it; here too so that the check can run before setup (and from
// `pronto-sync resolve`, which runs no setup). `_security` is set before anything is written.
async function ensureFingerprintsDb(nano: Nano.ServerScope): Promise<void> {
  await ensureDatabase(nano, FINGERPRINTS_DB);
  await ensureSecurity(nano, FINGERPRINTS_DB);
}

async function readDoc(nano: Nano.ServerScope): Promise<FingerprintDoc | undefined> {
  try {
    return await nano.use<FingerprintDoc>(FINGERPRINTS_DB).get(FINGERPRINTS_DOC) as FingerprintDoc;
  } catch (err) {
    if (isStatus(err, 404)) return undefined;
    throw couchError(err, `reading ${FINGERPRINTS_DOC} in ${FINGERPRINTS_DB}`);
  }
}

/** false on 409 (someone wrote first). */
async function write(nano: Nano.ServerScope, doc: FingerprintDoc): Promise<boolean> {
  try {
    await nano.use<FingerprintDoc>(FINGERPRINTS_DB).insert(doc);
    return true;
  } catch (err) {
    if (isStatus(err, 409)) return false;
    throw couchError(err, `writing ${FINGERPRINTS_DOC} in ${FINGERPRINTS_DB}`);
  }
}

function raced(): ProntoError {
  return new ProntoError('CONFLICT', `${FINGERPRINTS_DOC} in ${FINGERPRINTS_DB} kept changing under ${ATTEMPTS} attempts; start again`, { database: FINGERPRINTS_DB });
}
