// How the POS shows money and times in its language: MXN from integer centavos; pesos typed
// by the cashier back to centavos.
import { locale, type Locale } from './i18n/locale.js';

const money = new Map<Locale, Intl.NumberFormat>();
const times = new Map<Locale, Intl.DateTimeFormat>();
const dates = new Map<Locale, Intl.DateTimeFormat>();

function cached<T>(map: Map<Locale, T>, make: (l: Locale) => T): T {
  const l = locale();
  let f = map.get(l);
  if (!f) map.set(l, (f = make(l)));
  return f;
}

export function formatMoney(centavos: number): string {
  return cached(money, (l) => new Intl.NumberFormat(l, { style: 'currency', currency: 'MXN' })).format(centavos / 100);
}

/** Pesos typed by the cashier ("500", "499.50", "1,200", "$80") to centavos; NaN when unreadable. */
export function parsePesos(text: string): number {
  const clean = text.replace(/[\s,$]/g, '');
  if (!/^\d+(\.\d{0,2})?$/.test(clean)) return Number.NaN;
  return Math.round(Number(clean) * 100);
}

export function formatTime(iso: string | null): string {
  if (iso === null) return '—';
  return cached(times, (l) => new Intl.DateTimeFormat(l, { hour: '2-digit', minute: '2-digit', second: '2-digit' })).format(new Date(iso));
}

export function formatDateTime(iso: string): string {
  return cached(dates, (l) => new Intl.DateTimeFormat(l, { dateStyle: 'short', timeStyle: 'short' })).format(new Date(iso));
}

/** The wall time of an HLC stamp (`<ISO>-<counter>-<node>`), as ISO. */
export function stampTime(stamp: string): string {
  return stamp.slice(0, 24);
}

/** A clock offset for people, whichever its sign: "25 min", "6 h 5 min", "3 d 2 h". */
export function formatOffset(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return mins > 0 ? `${hours} h ${mins} min` : `${hours} h`;
  return `${mins} min`;
}

/** A key id in groups of four, to read aloud to head office (the console shows it the same way). */
export function fingerprint(keyId: string): string {
  return keyId.match(/.{1,4}/g)?.join(' ') ?? keyId;
}
