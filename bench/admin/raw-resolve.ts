// The raw baseline for settling a conflict by hand: on spare conflicts kept in a database
// central does not follow (RAW_DB), read the document's leaves (open_revs=all) and delete the
// losing one with one `_bulk_docs` — the least any resolution costs CouchDB.
// https://docs.couchdb.org/en/stable/replication/conflicts.html#working-with-conflicting-documents
import { randomUUID } from 'node:crypto';
import type Nano from 'nano';
import { makeConflicts } from '../../test/helpers/conflicts.js';
import { apiClient, type Endpoints } from './api-reads.js';

// A name the embedded server routes (couch-route.ts) that the feed does not follow (start-feed.ts isManaged).
export const RAW_DB = 'pronto-bench-raw';

/** Writes `n` conflicted documents in RAW_DB; returns their ids. */
export async function spareConflicts(nano: Nano.ServerScope, n: number): Promise<string[]> {
  await nano.db.create(RAW_DB);
  const ids = Array.from({ length: n }, () => `customer:${randomUUID()}`);
  const body = (_id: string, name: string) => ({ _id, type: 'customer', name, points: 0, updatedBy: 'central' });
  await nano.use(RAW_DB).bulk({ docs: ids.map((id) => body(id, 'Cliente')) as never[] });
  await makeConflicts(nano, RAW_DB, ids.map((id) => ({ id, bodies: [body(id, 'Norte'), body(id, 'Sur')] })));
  return ids;
}

/** Settles one spare conflict straight in CouchDB: leaves read, loser deleted. */
export function rawResolve(e: Endpoints, ids: string[]) {
  const { couch } = apiClient(e);
  return async () => {
    const id = ids.shift();
    if (id === undefined) throw new Error('no spare conflict left for the raw baseline');
    const leaves = await couch<Array<{ ok: { _rev: string } }>>(`${RAW_DB}/${encodeURIComponent(id)}?open_revs=all`);
    const loser = leaves.map((l) => l.ok._rev).sort()[0]!;
    const res = await fetch(`${e.couch}/${RAW_DB}/_bulk_docs`, {
      method: 'POST', headers: { authorization: e.couchAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ docs: [{ _id: id, _rev: loser, _deleted: true }] }),
    });
    const out = (await res.json()) as Array<{ error?: string; reason?: string }>;
    if (res.status !== 201 || out[0]?.error) throw new Error(`raw resolution of ${id}: ${res.status} ${JSON.stringify(out)}`);
  };
}
