// The POS's language: Spanish (Mexico) unless the cashier chose English on this device
// (remembered in localStorage). t() looks a message up and fills in its `{name}` values;
// elements re-render on a change through the LocaleController.
import { en } from './en.js';
import { es, type MessageKey } from './es.js';

export type Locale = 'es-MX' | 'en';
export type { MessageKey };

const STORAGE_KEY = 'pronto.pos.locale';
const CATALOGS: Record<Locale, Record<MessageKey, string>> = { 'es-MX': es, en };
const listeners = new Set<() => void>();

let current: Locale = stored();

function stored(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'es-MX';
  } catch {
    return 'es-MX';
  }
}

export function locale(): Locale {
  return current;
}

export function setLocale(next: Locale): void {
  if (next === current) return;
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode: the choice lasts until the page closes.
  }
  document.documentElement.lang = next;
  for (const fn of listeners) fn();
}

export function onLocaleChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The message for `key` in the current language, with `{name}` replaced by `params.name`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = CATALOGS[current][key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
