// The one place that turns CouchDB's `{error, reason, statusCode}` (as nano reports them) into
// our coded errors. Credentials never reach the message: nano scrubs them from its request info
// and we only keep CouchDB's own error and reason.
import { ProntoError } from '../../validators/errors.js';

interface NanoLikeError {
  statusCode?: number;
  error?: string;
  reason?: string;
  message?: string;
  code?: string;
}

export function couchError(err: unknown, doing: string): ProntoError {
  if (err instanceof ProntoError) return err;
  const e = (err ?? {}) as NanoLikeError;
  const status = e.statusCode;
  const reason = e.reason ?? e.message ?? 'unknown error';
  const details = { status, error: e.error, reason };
  if (status === undefined) return new ProntoError('COUCH_UNREACHABLE', `${doing}: CouchDB is unreachable (${reason})`, details, err);
  // CouchDB refused the request itself (an id it cannot take, such as one with an encoded
  // slash): made from the caller's input, so the caller's bad request, not our failure (a 500).
  if (status === 400) return new ProntoError('BAD_REQUEST', `${doing}: ${reason}`, details, err);
  if (status === 401) return new ProntoError('UNAUTHORIZED', `${doing}: ${reason}`, details, err);
  if (status === 403) return new ProntoError('FORBIDDEN', `${doing}: ${reason}`, details, err);
  if (status === 404) return new ProntoError('NOT_FOUND', `${doing}: ${reason}`, details, err);
  return new ProntoError('COUCH_ERROR', `${doing}: ${e.error ?? 'error'}: ${reason}`, details, err);
}

export function isStatus(err: unknown, status: number): boolean {
  return (err as NanoLikeError | undefined)?.statusCode === status;
}
