// The audit page's filters as they travel (pure): read from the console address
// (`#/audit?action=tamper.detected&store=s1`), written back to it, and turned into the API call
// (GET /api/audit?…&limit=&cursor=). Times travel as ISO (UTC); the form shows them in local time.
export const AUDIT_FILTERS = ['actor', 'action', 'store', 'from', 'to'] as const;
export type AuditFilters = Partial<Record<typeof AUDIT_FILTERS[number], string>>;

export function filtersOf(query: URLSearchParams): AuditFilters {
  const out: AuditFilters = {};
  for (const name of AUDIT_FILTERS) {
    const v = query.get(name)?.trim();
    if (v) out[name] = v;
  }
  return out;
}

/** The address of the audit page with these filters. */
export function auditAddress(filters: AuditFilters): string {
  const q = new URLSearchParams(AUDIT_FILTERS.flatMap((n) => (filters[n] ? [[n, filters[n]!]] : [])));
  const s = q.toString();
  return s ? `#/audit?${s}` : '#/audit';
}

export function auditApiPath(filters: AuditFilters, limit: number, cursor?: string): string {
  const q = new URLSearchParams(AUDIT_FILTERS.flatMap((n) => (filters[n] ? [[n, filters[n]!]] : [])));
  q.set('limit', String(limit));
  if (cursor) q.set('cursor', cursor);
  return `/audit?${q.toString()}`;
}

/** A `datetime-local` input's value (local time) as ISO, or undefined when empty or not a time. */
export function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** An ISO time as a `datetime-local` value in this browser's time zone ('' when not a time). */
export function isoToLocal(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
