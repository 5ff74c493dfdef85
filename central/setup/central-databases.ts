// Central's own databases: console sessions and script tokens (central/http/auth), the change
// follower's checkpoints (central/feed/checkpoint), the uploads CouchDB refused (central/refusals),
// the audit chain's head (central/audit/chain-head), the audit claims on a cluster
// (central/audit/audit-claims, one copy of one shard), tills' pending enrolment requests
// (central/devices/device-requests: a cashier asks, only an admin approves) and the console's
// statistics counters (central/stats; with the claims, the only ones with a design doc), the
// fingerprints of the secrets every central must share (central/fingerprints) and the admin
// notices relayed between central instances (central/events/notice-relay). `_security` lets in
// only the server admin central runs as (setup/security.ts).
export const CENTRAL_DATABASES = {
  sessions: 'pronto-sessions', tokens: 'pronto-tokens', checkpoints: 'pronto-checkpoints', refusals: 'pronto-refusals', auditHead: 'pronto-audit-head', auditClaims: 'pronto-audit-claims',
  deviceRequests: 'pronto-device-requests', stats: 'pronto-stats', fingerprints: 'pronto-secret-fingerprints', notices: 'pronto-notices',
} as const;

const NAMES: ReadonlySet<string> = new Set(Object.values(CENTRAL_DATABASES));

/** Whether `db` is one of central's own databases. */
export const isCentralDatabase = (db: string): boolean => NAMES.has(db);
