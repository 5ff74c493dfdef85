// The business day a sale belongs to is the calendar date in the store's time zone, not UTC:
// a sale at 19:30 in Mexico City on the 24th is already the 25th in UTC.

export const DEFAULT_TIME_ZONE = 'America/Mexico_City';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` of `nowMs` in `timeZone` (IANA name). */
export function businessDay(nowMs: number, timeZone: string = DEFAULT_TIME_ZONE): string {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, fmt);
  }
  const parts = Object.fromEntries(fmt.formatToParts(new Date(nowMs)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
