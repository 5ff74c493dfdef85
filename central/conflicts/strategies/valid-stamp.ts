// Strategies compare HLC stamps as strings; anything that is not a well-formed stamp becomes
// '' so it sorts below every real one ("a leaf missing a valid updatedAt loses").
import { parseStamp } from '../../../store-client/hlc.js';

export function validStamp(value: unknown): string {
  if (typeof value !== 'string') return '';
  try {
    parseStamp(value);
    return value;
  } catch {
    return '';
  }
}
