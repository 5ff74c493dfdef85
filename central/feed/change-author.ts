// Who wrote a change and when, as the console's change feed shows it, pure. Every document
// carries `updatedBy` and `updatedAt` (an HLC stamp, validators/schemas/common.ts); a deleted
// one has no body left, but a sale's, move's or return's id ends in the stamp of the device that
// wrote it (`sale:s1:<iso>-<counter>-<device>`), which still says who and when.
import { HLC } from '../../validators/schemas/common.js';

export interface ChangeAuthor { who: string | null; when: string | null }

const STAMP_IN_ID = new RegExp(`:(${HLC})$`);
const STAMP_PARTS = /^(.+Z)-[0-9a-f]{4}-(.+)$/;

/** The author of `id`'s change, from its current body when there is one, else from a stamp in its id. */
export function changeAuthor(id: string, doc: Record<string, unknown> | null | undefined): ChangeAuthor {
  const who = typeof doc?.updatedBy === 'string' ? doc.updatedBy : null;
  const when = typeof doc?.updatedAt === 'string' ? doc.updatedAt : null;
  if (who !== null && when !== null) return { who, when };
  const stamp = STAMP_IN_ID.exec(id)?.[1];
  const parts = stamp === undefined ? null : STAMP_PARTS.exec(stamp);
  return { who: who ?? parts?.[2] ?? null, when: when ?? stamp ?? null };
}
