// The secrets of a bench central on `COUCHDB_URL`. Every central on one CouchDB must hold the same
// AUDIT_KEY, CUSTOMER_*_KEY and SESSION_SECRET, or it refuses to start (central/fingerprints): the
// ones set in this process's environment (those of the chain on that CouchDB), else fixed bench
// values, so that repeated runs on a disposable server agree with each other. On a server where a
// real central runs, set its secrets, or the bench central is refused with SECRET_MISMATCH.
const NAMES = ['AUDIT_KEY', 'CUSTOMER_DATA_KEY', 'CUSTOMER_INDEX_KEY', 'SESSION_SECRET'] as const;

export function benchSecretsEnv(env: Readonly<Record<string, string | undefined>> = process.env): Record<string, string> {
  return Object.fromEntries(NAMES.map((name, i) => [name, env[name] || Buffer.alloc(32, 0xb0 + i).toString('base64url')]));
}
