// The one place store-client names PouchDB's types, so domain modules take "a database" and
// never care which adapter (memory, LevelDB, IndexedDB, http) is behind it.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = PouchDB.Database<any>;

export function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { status?: number }).status === 404;
}

export function isConflict(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { status?: number }).status === 409;
}
