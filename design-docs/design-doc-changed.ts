// Whether a design doc must be pushed: a push of an unchanged doc makes a new revision and
// makes CouchDB rebuild every view for nothing (couchdb-push does the same comparison).
import type { DesignDoc } from './design-doc.js';

/** True when `next` differs from `current` (as read from CouchDB) in anything but `_rev`. */
export function designDocChanged(current: object | undefined, next: DesignDoc): boolean {
  if (current === undefined) return true;
  return canonical(withoutRev(current)) !== canonical(withoutRev(next));
}

function withoutRev(doc: object): object {
  const { _rev: _ignored, ...rest } = doc as { _rev?: unknown };
  return rest;
}

// JSON with object keys sorted, so key order (which CouchDB does not keep for us) never counts.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
