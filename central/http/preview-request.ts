// The body of POST /api/config/conflict-policy/preview, checked, pure: `policy` validated with
// the settings schema (400 VALIDATION_FAILED naming the field, as a PUT would), `limit` 1 to
// MAX_PREVIEW (default 20), `cursor` a previous page's nextCursor (400 BAD_REQUEST naming it).
import { ProntoError, validate, type ConflictPolicy, type Settings } from '../../validators/index.js';
import { MAX_PREVIEW } from '../settings/index.js';

export interface PreviewRequest { policy: ConflictPolicy; limit: number; cursor?: unknown[] }

// Any valid stamp: the wrapper document is only validated, never written.
const STAMP = '2000-01-01T00:00:00.000Z-0000-central';
const bad = (param: string, message: string, value: unknown) => new ProntoError('BAD_REQUEST', `${param}: ${message}`, { param, value });

export function parsePreviewRequest(body: unknown, actor: string): PreviewRequest {
  const given = (body !== null && typeof body === 'object' ? body : {}) as { policy?: unknown; limit?: unknown; cursor?: unknown };
  const doc = validate({ _id: 'settings:conflict-policy', type: 'settings', key: 'conflict-policy', policy: given.policy, updatedAt: STAMP, updatedBy: actor }, { db: 'catalog' }) as Settings;
  const limit = given.limit ?? 20;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_PREVIEW) throw bad('limit', `must be a whole number from 1 to ${MAX_PREVIEW}`, limit);
  const out: PreviewRequest = { policy: doc.policy as ConflictPolicy, limit };
  if (given.cursor !== undefined && given.cursor !== null) out.cursor = parseCursor(given.cursor);
  return out;
}

function parseCursor(v: unknown): unknown[] {
  try {
    if (typeof v !== 'string' || v.length > 2000) throw new Error('not a string');
    const key = JSON.parse(Buffer.from(v, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(key) || key.length !== 6 || key[0] !== 'pending' || key[1] !== '*' || key[2] !== 'all') throw new Error('wrong shape');
    return key;
  } catch {
    throw bad('cursor', 'is not a cursor this API gave (use nextCursor from the previous page)', v);
  }
}
