// Script tokens as plain data: how one looks (`pst_` + 32 random bytes, base64url), the hash it is
// stored under (SHA-256: the token itself is 256 random bits, so no slow hash or salt is needed),
// and what each scope allows. No I/O here.
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'pst_';
export const SCOPES = ['admin', 'read'] as const;
export type Scope = (typeof SCOPES)[number];

const TOKEN_SHAPE = /^pst_[A-Za-z0-9_-]{43}$/;

export function newToken(): { id: string; token: string } {
  return { id: randomBytes(9).toString('base64url'), token: TOKEN_PREFIX + randomBytes(32).toString('base64url') };
}

/** Hex SHA-256 of the token, or undefined when it cannot be one of ours (spares a database read). */
export function tokenHash(token: string): string | undefined {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  return createHash('sha256').update(token).digest('hex');
}

/** `admin` allows everything, `read` only the methods that change nothing. */
export function scopeAllows(scopes: readonly string[], method: string): boolean {
  if (scopes.includes('admin')) return true;
  return scopes.includes('read') && (method === 'GET' || method === 'HEAD');
}
