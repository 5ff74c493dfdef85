// The secret that signs console session cookies and CSRF tokens: SESSION_SECRET when given, else
// one generated on the first start and kept in DATA_DIR/session-secret (mode 0600). It must
// outlive a restart, or every console session (kept in CouchDB) would be thrown away with it.
import { secretFromFile } from '../../audit/secret-file.js';

export async function resolveSessionSecret(dataDir: string, fromEnv: string | undefined): Promise<string> {
  if (fromEnv !== undefined) return fromEnv;
  return (await secretFromFile(dataDir, 'session-secret')).toString('base64url');
}
