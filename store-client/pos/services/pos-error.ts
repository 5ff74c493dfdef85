// An error the POS shows to the cashier: it carries a message key and its values, so it is
// shown in the language chosen when it is rendered, not when it was thrown.
import { t, type MessageKey } from '../i18n/locale.js';

export class PosError extends Error {
  constructor(readonly key: MessageKey, readonly params: Record<string, string | number> = {}, readonly status = 0) {
    super(t(key, params));
    this.name = 'PosError';
  }
}

/** What to show for any error: a PosError in the current language, else the error's own message. */
export function errorText(err: unknown): string {
  if (err instanceof PosError) return t(err.key, err.params);
  return err instanceof Error ? err.message : String(err);
}
