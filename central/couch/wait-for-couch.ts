// Waits (bounded) until CouchDB answers its root and accepts our admin credentials.
import { ProntoError } from '../../validators/errors.js';
import { basicAuthHeader } from './basic-auth.js';

export interface CouchInfo { version: string; vendor: string }

export async function waitForCouch(url: string, auth: { username: string; password: string }, timeoutMs: number): Promise<CouchInfo> {
  const deadline = Date.now() + timeoutMs;
  const headers = basicAuthHeader(auth);
  let last = 'no answer';
  for (let attempt = 0; Date.now() < deadline && attempt < 1000; attempt++) {
    try {
      const res = await fetch(`${url}/_session`, { headers });
      if (res.status === 401) {
        throw new ProntoError('UNAUTHORIZED', `CouchDB at ${url} refused the admin credentials: check ADMIN_USER / ADMIN_PASSWORD or COUCHDB_URL`);
      }
      const root = (await (await fetch(`${url}/`, { headers })).json()) as { version?: string; vendor?: { name?: string } };
      return { version: root.version ?? 'unknown', vendor: root.vendor?.name ?? 'unknown' };
    } catch (err) {
      if (err instanceof ProntoError) throw err;
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new ProntoError('COUCH_UNREACHABLE', `CouchDB at ${url} did not answer within ${timeoutMs} ms (${last})`, { url });
}
