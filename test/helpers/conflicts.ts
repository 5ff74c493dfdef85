// Makes real CouchDB revision conflicts at central, the way replication does: sibling revisions
// written with `new_edits: false` on top of each document's current revision.
import { randomBytes } from 'node:crypto';
import type Nano from 'nano';
import { onEveryCopy } from './every-copy.js';

export interface ConflictSpec { id: string; bodies: Array<Record<string, unknown>> }

/** Makes every conflict in one `_bulk_docs`; returns the sibling revs, per document. */
export async function makeConflicts(nano: Nano.ServerScope, db: string, specs: ConflictSpec[]): Promise<string[][]> {
  const current = (await nano.use(db).fetchRevs({ keys: specs.map((s) => s.id) })) as unknown as { rows: Array<{ id: string; value?: { rev: string } }> };
  const revOf = new Map(current.rows.map((r) => [r.id, r.value?.rev]));
  const out: string[][] = [];
  const docs = specs.flatMap((spec) => {
    const rev = revOf.get(spec.id);
    if (rev === undefined) throw new Error(`${spec.id} does not exist in ${db}`);
    const [gen, parent] = rev.split('-') as [string, string];
    const start = Number(gen) + 1;
    const siblings = spec.bodies.map((body) => {
      const hash = randomBytes(16).toString('hex');
      return { ...body, _id: spec.id, _rev: `${start}-${hash}`, _revisions: { start, ids: [hash, parent] } };
    });
    out.push(siblings.map((d) => d._rev));
    return siblings;
  });
  // On every copy (w=n): on a cluster a seq read afterwards must cover the siblings on every copy.
  const res = (await nano.use(db).bulk({ docs: docs as never[], new_edits: false }, await onEveryCopy(nano, db))) as Array<{ error?: string; reason?: string }>;
  const failed = (res ?? []).filter((r) => r.error);
  if (failed.length > 0) throw new Error(`could not make the conflicts: ${failed[0]!.error}: ${failed[0]!.reason}`);
  return out;
}

export async function makeConflict(nano: Nano.ServerScope, db: string, id: string, bodies: Array<Record<string, unknown>>): Promise<string[]> {
  return (await makeConflicts(nano, db, [{ id, bodies }]))[0]!;
}

export async function conflictsOf(nano: Nano.ServerScope, db: string, id: string): Promise<string[]> {
  const doc = (await nano.use(db).get(id, { conflicts: true } as never)) as { _conflicts?: string[] };
  return doc._conflicts ?? [];
}

/** How many documents of the database still have conflicts (its `pronto/conflicts` view). */
export async function conflictedCount(nano: Nano.ServerScope, db: string): Promise<number> {
  return ((await nano.use(db).view('pronto', 'conflicts')) as { rows: unknown[] }).rows.length;
}
