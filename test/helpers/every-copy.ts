// Write options that make a test's setup reach every copy of a database's shards (w=n).
// On a cluster a quorum write returns once two of three copies have it; a test that reads or
// edits right after may meet the third copy without it. On one node n is 1 and this is a no-op.
import type Nano from 'nano';
import { copiesOf } from '../../central/couch/exclusive-writes.js';

/** `{ w: n }` for nano's insert and bulk, n being the number of copies of `db`'s shards. */
export async function onEveryCopy(nano: Nano.ServerScope, db: string): Promise<never> {
  return { w: await copiesOf(nano, db) } as never;
}
