// When the oldest pending upload was written, for the till's status report (an admin sees how long
// uploads have waited): the earliest `updatedAt` (an HLC stamp, store-client/hlc.ts, whose wall
// time leads it) among the first `max` pending ids — the ledger lists them in the order it first
// saw them, oldest first — read from the local databases. Undefined when none is found.
import type { Db } from './pouch-types.js';

const WALL = /^([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z)/;

export async function oldestPendingAt(dbs: readonly Db[], pendingIds: readonly string[], max = 50): Promise<string | undefined> {
  const ids = pendingIds.slice(0, max);
  if (ids.length === 0) return undefined;
  let oldest: string | undefined;
  for (const db of dbs) {
    const res = await db.allDocs({ keys: [...ids], include_docs: true });
    for (const row of res.rows) {
      const doc = 'doc' in row ? (row.doc as { updatedAt?: unknown } | null | undefined) : undefined;
      const wall = typeof doc?.updatedAt === 'string' ? WALL.exec(doc.updatedAt)?.[1] : undefined;
      if (wall !== undefined && (oldest === undefined || wall < oldest)) oldest = wall;
    }
  }
  return oldest;
}
