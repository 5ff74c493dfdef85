// The sales, returns and moves central quarantined: listed per store for the console, and
// released by an admin with a note (GET /api/quarantine, POST /api/quarantine/:store/:id/release).
export { listQuarantined, type QuarantinedEntry, type QuarantinePage } from './list-quarantined.js';
export { releaseQuarantined, RELEASABLE, type ReleaseDeps } from './release-quarantined.js';
export { flaggedKey, liftedKey, quarantinedKey } from './quarantine-keys.js';
