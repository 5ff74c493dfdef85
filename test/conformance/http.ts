// The conformance suite's one HTTP call: raw fetch, so that each test sees exactly the status,
// headers and body the server sent (no client library smoothing CouchDB's answers over).
export interface Credentials { username: string; password: string }

/** Who makes the request: nobody, a name and password (Basic), or an `AuthSession` cookie. */
export type Caller = null | Credentials | { cookie: string };

export interface CouchResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  as?: Caller;
  /** A value is sent as JSON; a string is sent as it is (with the content type given in `headers`). */
  body?: unknown;
  headers?: Record<string, string>;
}

export function basicAuth({ username, password }: Credentials): string {
  return 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
}

export async function couch<T = any>(base: string, method: string, path: string, options: RequestOptions = {}): Promise<CouchResponse<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const caller = options.as ?? null;
  if (caller !== null && 'cookie' in caller) headers.Cookie = caller.cookie;
  else if (caller !== null) headers.Authorization = basicAuth(caller);
  let body: string | undefined;
  if (typeof options.body === 'string') body = options.body;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    // The embedded server stores a body sent without this header as an empty document (DESIGN.md).
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(base + path, { method, headers: { ...headers, ...options.headers }, body });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON: keep the text */ }
  return { status: res.status, headers: res.headers, body: parsed as T };
}
