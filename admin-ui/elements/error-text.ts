// An error as the console says it: known API codes in the user's language, else the message.
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
