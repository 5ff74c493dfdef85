// Splits a raw request target into the path segments the embedded server will route on, or
// refuses it. express-pouchdb (Express 4) routes the raw, still percent-encoded path and decodes
// each parameter afterwards, resolving neither `.` nor `..`; CouchDB splits on `/` and unquotes
// each segment. Anything where a check on the decoded path could disagree with either router —
// `.`/`..` segments (raw or encoded), encoded slashes or backslashes, `//`, `#`, absolute-form
// targets, malformed escapes — is refused, so a classification made here is the route taken.
// Pure: no I/O.

export interface CouchPath {
  /** Decoded segments; [] for `/`. */
  readonly segments: readonly string[];
  /** The raw path ended with `/` (e.g. `/catalog/`, `/_utils/`). */
  readonly trailingSlash: boolean;
}

export interface PathRefusal {
  readonly ok: false;
  readonly status: 400;
  readonly error: 'bad_request';
  readonly reason: string;
}

const refuse = (reason: string): PathRefusal => ({ ok: false, status: 400, error: 'bad_request', reason });

export function splitCouchPath(rawUrl: string): CouchPath | PathRefusal {
  if (!rawUrl.startsWith('/')) return refuse('The request target must be an absolute path.');
  const query = rawUrl.indexOf('?');
  const rawPath = query === -1 ? rawUrl : rawUrl.slice(0, query);
  if (/[#\\]/.test(rawPath) || /%(2f|5c)/i.test(rawPath)) return refuse('Encoded slashes, backslashes and fragments are not accepted in paths.');
  if (rawPath === '/') return { segments: [], trailingSlash: false };
  const parts = rawPath.slice(1).split('/');
  const trailingSlash = parts[parts.length - 1] === '';
  if (trailingSlash) parts.pop();
  const segments: string[] = [];
  for (const part of parts) {
    if (part === '') return refuse('Empty path segments are not accepted.');
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return refuse('Malformed percent-encoding in the path.');
    }
    if (decoded === '.' || decoded === '..') return refuse('Dot segments are not accepted in paths.');
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f]/.test(decoded)) return refuse('Control characters are not accepted in paths.');
    segments.push(decoded);
  }
  return { segments, trailingSlash };
}
