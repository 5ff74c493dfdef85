// Which fields differ between a conflict's revisions: the union of their top-level fields (CouchDB's
// own `_rev`, `_revisions`, `_conflicts` aside), each marked whether every revision agrees on it.
export interface FieldRow { field: string; differs: boolean }

const COUCH_OWN = new Set(['_rev', '_revisions', '_conflicts']);

export function compareFields(bodies: ReadonlyArray<Record<string, unknown>>): FieldRow[] {
  const fields = [...new Set(bodies.flatMap((b) => Object.keys(b)))].filter((f) => !COUCH_OWN.has(f)).sort();
  return fields.map((field) => {
    const shown = bodies.map((b) => (field in b ? JSON.stringify(b[field]) : undefined));
    return { field, differs: shown.some((s) => s !== shown[0]) };
  });
}

/** A field's value as the side-by-side view shows it. */
export function showValue(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
