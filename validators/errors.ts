// Typed, coded errors shared by every part of Pronto Sync. Each side (store-client, central)
// adds its own codes here so that one list names every failure a user or script can see.

export type ErrorCode =
  | 'VALIDATION_FAILED' // a document breaks its JSON Schema or a contract rule
  | 'HLC_DRIFT' // a remote clock stamp is too far ahead of ours to adopt
  | 'SYNC_DENIED' // CouchDB refused our credentials or a document (401/403)
  | 'SYNC_OFFLINE' // central cannot be reached
  | 'NOT_FOUND'
  | 'CONFIG_INVALID'
  | 'COUCH_UNREACHABLE'
  | 'COUCH_ERROR'
  | 'SETUP_FAILED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'BAD_REQUEST'
  | 'CONFLICT' // the thing changed under you (already resolved, edited meanwhile)
  | 'CONFLICT_UNRESOLVED' // a merged result breaks a rule and needs an admin
  | 'DEVICE_EXISTS' // a device id already enrolled: only an admin may enrol another key under it (a rotation)
  | 'RATE_LIMITED' // too many attempts (logins) in the window; try again later
  | 'CSRF_INVALID' // a cookie-authenticated change without the matching x-csrf-token header
  | 'CRYPTO_UNAVAILABLE' // no WebCrypto (a browser page not served over HTTPS or localhost)
  | 'CRYPTO_KEY_INVALID' // key material of the wrong form or size
  | 'DECRYPT_FAILED' // ciphertext malformed, altered, moved to another field or under another key
  | 'KEY_UNWRAP_FAILED' // a password-wrapped key did not open: wrong password, or the wrapped key was altered
  | 'SECRET_MISMATCH' // a central's shared secret differs from the one the first central on this CouchDB published
  | 'STOP_TIMEOUT' // a part of central did not stop within its bound (named in the message); the rest was still stopped
  | 'INTERNAL';

export class ProntoError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ProntoError';
    this.code = code;
    this.details = details;
  }

  toJSON(): { code: ErrorCode; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function isProntoError(err: unknown, code?: ErrorCode): err is ProntoError {
  return err instanceof ProntoError && (code === undefined || err.code === code);
}
