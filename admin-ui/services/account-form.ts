// The accounts page's checks and formats, pure: the same name and password rules central
// applies (central/accounts/account-rules.ts), answered with the words to show, so a form says
// what is wrong before it is sent (central checks again); and a key id shown as a fingerprint.
import type { MessageKey } from '../i18n/translate.js';

export const ACCOUNT_NAME = /^[a-z0-9][a-z0-9._-]{2,59}$/;

export function nameProblem(name: string): MessageKey | null {
  return ACCOUNT_NAME.test(name) ? null : 'acct.errName';
}

export function passwordProblem(password: string, name: string): MessageKey | null {
  if (password.length < 10 || password.length > 200) return 'acct.errPasswordLength';
  if ([/[a-zA-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length < 2) return 'acct.errPasswordMix';
  if (name.length > 0 && password.toLowerCase().includes(name.toLowerCase())) return 'acct.errPasswordName';
  if (new Set(password).size < 5) return 'acct.errPasswordRepeat';
  return null;
}

/** A reason a person wrote: trimmed, 1..500 characters, or null. */
export function reasonOf(text: string): string | null {
  const r = text.trim();
  return r.length > 0 && r.length <= 500 ? r : null;
}

/** A key id (base64url of a SHA-256 prefix) in groups of four, easy to read aloud and compare with a till's screen. */
export function fingerprint(keyId: string): string {
  return keyId.match(/.{1,4}/g)?.join(' ') ?? keyId;
}
