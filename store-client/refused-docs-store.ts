// Keeps the revisions central refused in the database's `_local/refused-docs` (never
// replicated), so a reload still shows them and still keeps them out of the pending count.
// Every write re-reads the document for its `_rev` (never a cached one) and retries on a 409:
// another tab of the same till, or a write that raced this one, must not stop the saves for
// good. The list written is this till's whole current list (one tab syncs at a time), and
// writes are coalesced (see coalesce-writes).

import { coalesceWrites } from './coalesce-writes.js';
import { isConflict, isNotFound, type Db } from './pouch-types.js';
import type { Refusal } from './refused-revisions.js';

const DOC_ID = '_local/refused-docs';
/** Puts per save when other writers keep winning the race; the next save tries again. */
const MAX_PUTS = 5;

export interface RefusedDocsStore {
  load(): Promise<Refusal[]>;
  /** Write `read()`'s current list; resolves once it (or a later one) is written. */
  save(): Promise<void>;
}

interface StoredDoc {
  _rev: string;
  refusals?: unknown;
}

function isRefusal(x: unknown): x is Refusal {
  const r = x as Partial<Refusal> | null;
  return typeof r === 'object' && r !== null && typeof r.id === 'string' && typeof r.rev === 'string' && typeof r.reason === 'string' && typeof r.at === 'string';
}

async function currentRev(db: Db): Promise<string | undefined> {
  try {
    return ((await db.get(DOC_ID)) as StoredDoc)._rev;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export function createRefusedDocsStore(db: Db, read: () => Refusal[]): RefusedDocsStore {
  const save = coalesceWrites(async () => {
    for (let puts = 1; ; puts++) {
      try {
        await db.put({ _id: DOC_ID, _rev: await currentRev(db), refusals: read() });
        return;
      } catch (err) {
        if (!isConflict(err) || puts >= MAX_PUTS) throw err;
      }
    }
  });

  return {
    async load() {
      try {
        const doc = (await db.get(DOC_ID)) as StoredDoc;
        return Array.isArray(doc.refusals) ? doc.refusals.filter(isRefusal) : [];
      } catch (err) {
        if (isNotFound(err)) return [];
        throw err;
      }
    },
    save,
  };
}
