// Writes the benchmark's conflicts the way replication brings them to central: each document's
// base revision, then its siblings with `new_edits: false` on top of it (one `_bulk_docs` each).
// The same specs go to any database name, so central's copy and the naive copy are identical.
// On a cluster every copy of a shard takes the writes before the run starts (`w` = n): the naive
// loop reads `_changes` once, from one copy per shard, and found 76 of 100 conflicts on a copy
// the siblings had not reached yet.
// https://docs.couchdb.org/en/stable/api/database/bulk-api.html#api-db-bulk-docs-semantics
import { randomBytes } from 'node:crypto';
import type Nano from 'nano';
import type { ConflictDoc } from './backlog-docs.js';
import { copiesOf } from '../../central/couch/exclusive-writes.js';

type BulkResult = Array<{ id: string; rev?: string; error?: string; reason?: string }>;

function refused(res: BulkResult, doing: string): void {
  const bad = res.find((r) => r.error);
  if (bad) throw new Error(`${doing}: ${bad.id}: ${bad.error}: ${bad.reason}`);
}

/** `_bulk_docs`' query that waits for every copy of the database's shards. */
async function everyCopy(nano: Nano.ServerScope, db: string): Promise<Record<string, number>> {
  const n = await copiesOf(nano, db);
  return n > 1 ? { w: n } : {};
}

/** Writes the base revisions into `dbOf(doc)`; returns each document's rev. */
export async function writeBases(nano: Nano.ServerScope, docs: readonly ConflictDoc[], dbOf: (d: ConflictDoc) => string): Promise<Map<string, string>> {
  const revs = new Map<string, string>();
  for (const db of new Set(docs.map(dbOf))) {
    const res = (await nano.use(db).bulk({ docs: docs.filter((d) => dbOf(d) === db).map((d) => d.base) as never[] }, await everyCopy(nano, db))) as BulkResult;
    refused(res, `writing base documents into ${db}`);
    for (const r of res) revs.set(r.id, r.rev!);
  }
  return revs;
}

/** Writes every document's sibling revisions on top of its base `revs` (a conflict per document). */
export async function writeSiblings(nano: Nano.ServerScope, docs: readonly ConflictDoc[], revs: ReadonlyMap<string, string>, dbOf: (d: ConflictDoc) => string): Promise<void> {
  for (const db of new Set(docs.map(dbOf))) {
    const siblings = docs.filter((d) => dbOf(d) === db).flatMap((d) => {
      const [gen, parent] = revs.get(d.id)!.split('-') as [string, string];
      const start = Number(gen) + 1;
      return d.siblings.map((body) => {
        const hash = randomBytes(16).toString('hex');
        return { ...body, _id: d.id, _rev: `${start}-${hash}`, _revisions: { start, ids: [hash, parent] } };
      });
    });
    const res = (await nano.use(db).bulk({ docs: siblings as never[], new_edits: false }, await everyCopy(nano, db))) as BulkResult;
    refused(res ?? [], `writing conflicting siblings into ${db}`);
  }
}
