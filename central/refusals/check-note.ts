// The note an admin writes when settling something by hand (a refusal dismissed or accepted, a
// quarantined document released): required, trimmed, at most MAX_NOTE characters.
import { ProntoError } from '../../validators/index.js';

export const MAX_NOTE = 500;

/** The note, trimmed; a BAD_REQUEST naming `note` when it is missing, empty or too long. `why` says what the note is for. */
export function checkNote(note: unknown, why: string): string {
  if (typeof note !== 'string' || note.trim() === '') throw new ProntoError('BAD_REQUEST', `note: ${why} (text, 1 to 500 characters)`, { param: 'note' });
  if (note.length > MAX_NOTE) throw new ProntoError('BAD_REQUEST', `note: at most ${MAX_NOTE} characters (got ${note.length})`, { param: 'note', length: note.length });
  return note.trim();
}
