// Where a store document's stamps are, pure. A sale, move or return id ends in the HLC stamp of
// its writing (`sale:<store>:<wall>-<counter>-<node>`), except a void's: `return:<store>:void:
// <the sale's stamp>`, one id per sale, so its own stamp is only in `updatedAt`.
import { parseStamp, type ParsedStamp } from '../../store-client/hlc.js';
import type { StoreDoc } from './types.js';

const ID = /^(sale|move|return):([^:]+):(void:)?(.+)$/;

export function isVoid(doc: Pick<StoreDoc, '_id'>): boolean {
  return ID.exec(doc._id)?.[3] !== undefined;
}

/** The stamp at the end of the id (for a void: its sale's), or null when there is none. */
export function idStamp(id: string): string | null {
  return ID.exec(id)?.[4] ?? null;
}

/** The store named in the id, or null. */
export function idStore(id: string): string | null {
  return ID.exec(id)?.[2] ?? null;
}

/** The stamp of the document's own writing: the id's, or a void's `updatedAt`. */
export function ownStamp(doc: StoreDoc): string {
  return isVoid(doc) ? doc.updatedAt : (idStamp(doc._id) ?? doc.updatedAt);
}

/** parseStamp that answers null instead of throwing (an impossible date such as 02-30). */
export function tryParseStamp(stamp: string): ParsedStamp | null {
  try {
    return parseStamp(stamp);
  } catch {
    return null;
  }
}
