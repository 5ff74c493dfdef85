// Checks for one request parameter (a query, path or body field), pure: a bad one is a 400
// BAD_REQUEST whose details name it (`param`), so the console can point at the field.
import { ProntoError } from '../../validators/index.js';

export const STORE_ID = /^[a-z0-9][a-z0-9-]{0,30}$/;
export const DEVICE_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** A CouchDB account name as `_users` takes it: free text, but no ":" and no control characters. */
// eslint-disable-next-line no-control-regex
export const USER_NAME = /^[^:\u0000-\u001f\u007f]{1,256}$/u;

export const badParam = (param: string, message: string) => new ProntoError('BAD_REQUEST', `${param}: ${message}`, { param });

/** `value` when it is a string matching `pattern`; undefined when absent and not `required`. */
export function textParam(value: unknown, param: string, pattern: RegExp, what: string, required: true): string;
export function textParam(value: unknown, param: string, pattern: RegExp, what: string, required?: boolean): string | undefined;
export function textParam(value: unknown, param: string, pattern: RegExp, what: string, required = false): string | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || !pattern.test(value)) throw badParam(param, `must be ${what}`);
  return value;
}

/** A page size: 1..`max`, `fallback` when absent. */
export function limitParam(value: unknown, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= max)) throw badParam('limit', `must be a whole number from 1 to ${max}`);
  return n;
}

/** Free text a person wrote (a reason, a note): trimmed, 1..`max` characters. */
export function noteParam(value: unknown, param: string, max: number, required: true): string;
export function noteParam(value: unknown, param: string, max: number, required?: boolean): string | undefined;
export function noteParam(value: unknown, param: string, max: number, required = false): string | undefined {
  if (value === undefined && !required) return undefined;
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length === 0 || text.length > max) throw badParam(param, `must be text of 1 to ${max} characters`);
  return text;
}
