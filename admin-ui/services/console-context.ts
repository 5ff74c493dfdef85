// What every page of the console shares, provided by <admin-app> through @lit/context (no
// singletons): the API client, the user, and the language (a new value on a switch re-renders).
import { createContext } from '@lit/context';
import type { Locale, Translate } from '../i18n/translate.js';
import type { Api, SessionUser } from './api.js';

export interface ConsoleContext {
  api: Api;
  user: SessionUser | null;
  locale: Locale;
  t: Translate;
}

export const consoleContext = createContext<ConsoleContext>(Symbol('pronto-console'));
