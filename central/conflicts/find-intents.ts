// Finds the intent (`conflict.resolving`) an earlier resolver appended for conflict records it
// created but never confirmed (it died, or is slower than the lease, between its intent and its
// confirmation). Records are not marked with their intent before the write (that was a third
// write of every record), so a resolver that claims such a record looks for the intent here,
// reading the trail backwards from its end: the intent was stamped by the clock that stamped the
// record's `detectedAt`, after it, so the search stops at the first entry older than the oldest
// record. Bounded: past MAX_ENTRIES it gives up, and the claimant appends a new intent (the
// resolution is then announced twice, its outcome still once).
import type Nano from 'nano';
import { parseStamp } from '../../store-client/hlc.js';
import { couchError } from '../couch/errors.js';

const PAGE = 200;
export const MAX_ENTRIES = 20_000;

interface Entry { _id: string; seq: number; at: string; action: string; details?: { conflicts?: Array<{ conflict?: unknown }> } }

/** Record id → seq of the `conflict.resolving` entry naming it, for the `records` ({id, detectedAt}) found. */
export async function findIntents(nano: Nano.ServerScope, records: ReadonlyArray<{ _id: string; detectedAt: string }>): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  if (records.length === 0) return found;
  const wanted = new Set(records.map((r) => r._id));
  const oldest = Math.min(...records.map((r) => wallOf(r.detectedAt)));
  let startkey = 'audit;';
  for (let read = 0; read < MAX_ENTRIES && found.size < wanted.size;) {
    let rows: Array<{ id: string; doc?: Entry | null }>;
    try {
      rows = (await nano.use('audit').list({ startkey, endkey: 'audit:', descending: true, include_docs: true, limit: PAGE + 1 })).rows as never;
    } catch (err) {
      throw couchError(err, 'looking for conflict intents in the audit trail');
    }
    for (const row of rows.slice(0, PAGE)) {
      const e = row.doc;
      if (!e) continue;
      if (wallOf(e.at) < oldest) return found;
      if (e.action !== 'conflict.resolving') continue;
      for (const c of e.details?.conflicts ?? []) {
        if (typeof c.conflict === 'string' && wanted.has(c.conflict) && !found.has(c.conflict)) found.set(c.conflict, e.seq);
      }
    }
    read += Math.min(rows.length, PAGE);
    if (rows.length <= PAGE) return found;
    startkey = rows[PAGE]!.id;
  }
  return found;
}

function wallOf(stamp: string): number {
  try {
    return parseStamp(stamp).wallMs;
  } catch {
    return Number.NaN; // never older than anything: the search goes on
  }
}
