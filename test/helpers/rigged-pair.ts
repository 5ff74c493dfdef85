// Two in-memory PouchDB databases for the tests of our replication patch: a source holding
// `count` products and an empty target, with the source's `changes` and `bulkGet` replaceable
// (`rig`) and restorable (`unrig`), so a test can hold or fail them at chosen moments.
import { createNodePouch } from '../../store-client/index.js';

const PouchDB = createNodePouch();
let n = 0;

type Call = (...args: unknown[]) => unknown;
export interface Rigs { changes?: Call; bulkGet?: Call }

export async function riggedPair(prefix: string, count: number) {
  const src = new PouchDB(`${prefix}-src-${n}`, { adapter: 'memory' });
  const target = new PouchDB(`${prefix}-target-${n++}`, { adapter: 'memory' });
  await src.bulkDocs(Array.from({ length: count }, (_, i) => ({ _id: `product:${i}`, price: 100 + i })));
  const calls = src as unknown as Record<string, Call>;
  const real = { changes: calls.changes!.bind(src), bulkGet: calls.bulkGet!.bind(src) };
  return {
    src, target, real,
    rig: (rigs: Rigs) => { Object.assign(calls, rigs); },
    unrig: () => { Object.assign(calls, real); },
  };
}
