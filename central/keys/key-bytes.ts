// The one shape central accepts for a customer key: exactly 32 bytes as unpadded base64url (43
// characters), checked by a round trip so no stray character is silently dropped by Node's
// lenient decoder. Pure: no I/O, and no message ever carries the key itself.

export const KEY_BYTES = 32;

/** Whether `text` is the canonical unpadded base64url of exactly 32 bytes. */
export function isKey32(text: string): boolean {
  if (!/^[A-Za-z0-9_-]{43}$/.test(text)) return false;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.length === KEY_BYTES && bytes.toString('base64url') === text;
}

/** How to make one, for error messages. */
export const KEY_HINT = `node -e "console.log(require('node:crypto').randomBytes(${KEY_BYTES}).toString('base64url'))"`;
