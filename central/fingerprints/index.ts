// central/fingerprints' public API: several centrals on one CouchDB must hold the same secrets;
// each publishes or compares keyed fingerprints of them at start (docs/OPERATIONS.md).
export { SHARED_SECRETS, fingerprintSecret, fingerprintsOf } from './fingerprint-secret.js';
export type { SecretName, Fingerprints } from './fingerprint-secret.js';
export { compareFingerprints, changedSecrets, type Verdict } from './compare-fingerprints.js';
export { mismatchError } from './mismatch-error.js';
export { checkFingerprints, publishFingerprints, readFingerprints, FINGERPRINTS_DB, FINGERPRINTS_DOC, type CheckOutcome, type CheckOptions } from './fingerprint-store.js';
export { checkAuditKeyAgainstChain } from './audit-head-guard.js';
