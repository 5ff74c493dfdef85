// The console's languages: Spanish (Mexico) by default, English if chosen on this browser
// (remembered in localStorage). translate() is pure: the language travels in the console context.
import { en } from './en.js';
import { es, type MessageKey } from './es.js';

export type Locale = 'es-MX' | 'en';
export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { 'es-MX': es, en };
const STORAGE_KEY = 'pronto.admin.locale';

export function translator(locale: Locale): Translate {
  return (key, params = {}) => CATALOGS[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'es-MX';
  } catch {
    return 'es-MX';
  }
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode: the choice lasts until the page closes.
  }
}
