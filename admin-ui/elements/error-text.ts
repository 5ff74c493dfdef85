// An error as the console says it: known API codes in the user's language, else the message;
// and the one line that shows it.
import { html, nothing } from 'lit';
import type { MessageKey, Translate } from '../i18n/translate.js';
import { ApiError } from '../services/api.js';

const KNOWN: Record<string, MessageKey> = {
  UNAUTHORIZED: 'error.UNAUTHORIZED',
  RATE_LIMITED: 'error.RATE_LIMITED',
  FORBIDDEN: 'error.FORBIDDEN',
  NETWORK: 'error.network',
};

export function errorText(err: unknown, t: Translate): string {
  const key = err instanceof ApiError ? KNOWN[err.code] : undefined;
  return key ? t(key) : t('error.generic', { message: (err as Error).message });
}

/** The error line (styled by shared-styles' `.error`). A line that waits for an action's error is rendered empty too, so screen readers announce the text when it comes. */
export const errorLine = (text: string, testId?: string) => html`<p class="error" role="alert" data-testid=${testId ?? nothing}>${text}</p>`;
