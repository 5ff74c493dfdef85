// Central's own databases: console sessions and script tokens (central/http/auth), the change
// follower's checkpoints (central/feed/checkpoint), the uploads CouchDB refused (central/refusals),
// the audit chain's head (central/audit/chain-head), tills' pending enrolment requests
// (central/devices/device-requests: a cashier asks, only an admin approves) and the console's
// statistics counters (central/stats; the only one with a design doc, for its views), the
// fingerprints of the secrets every central must share (central/fingerprints) and the admin
// notices relayed between central instances (central/events/notice-relay). `_security` lets in
// only the server admin central runs as (setup/security.ts).
export const CENTRAL_DATABASES = {
  sessions: 'pronto-sessions', tokens: 'pronto-tokens', checkpoints: 'pronto-checkpoints', refusals: 'pronto-refusals', auditHead: 'pronto-audit-head',
  deviceRequests: 'pronto-device-requests', stats: 'pronto-stats', fingerprints: 'pronto-secret-fingerprints', notices: 'pronto-notices',
} as const;

const NAMES: ReadonlySet<string> = new Set(Object.values(CENTRAL_DATABASES));

/** Whether `db` is one of central's own databases. */
export const isCentralDatabase = (db: string): boolean => NAMES.has(db);
