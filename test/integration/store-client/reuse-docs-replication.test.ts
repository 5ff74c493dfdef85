// patches/pouchdb-replication `reuse_docs` / `skip_revs_diff`, on the documents they must leave to
// the ordinary path: later generations, conflicts, deletions, attachments. Two memory databases,
// no server: after a push with the options (skip_revs_diff vouching for everything) the target
// holds exactly the source's revision trees and bodies, as after a plain push; and a generation-1
// revision the target has already is a no-op, not a conflict.
import { expect } from 'chai';
import { createNodePouch } from '../../../store-client/index.js';

const PouchDB = createNodePouch();
let n = 0;
const mem = () => new PouchDB(`reuse-${process.pid}-${n++}`, { adapter: 'memory' });

/** Every leaf of every document, with its history and body. */
async function trees(db: PouchDB.Database) {
  const { rows } = await db.allDocs({ include_docs: false });
  const deleted = (await db.changes({ since: 0, style: 'all_docs' })).results.filter((r) => r.deleted).map((r) => r.id);
  const ids = [...new Set([...rows.map((r) => r.id), ...deleted])].sort();
  const out: Record<string, unknown> = {};
  for (const id of ids) {
    const leaves = await db.get(id, { open_revs: 'all', revs: true, attachments: true } as never) as unknown as Array<{ ok?: { _rev: string } }>;
    out[id] = leaves.map((l) => l.ok).filter(Boolean).sort((a, b) => a!._rev.localeCompare(b!._rev));
  }
  return out;
}

describe('pouchdb-replication reuse_docs / skip_revs_diff: documents they leave to revs_diff and bulkGet', function () {
  this.timeout(30_000);

  async function source() {
    const db = mem();
    await db.bulkDocs(Array.from({ length: 12 }, (_, i) => ({ _id: `new-${i}`, v: i })));
    const edited = await db.put({ _id: 'edited', v: 1 });
    await db.put({ _id: 'edited', _rev: edited.rev, v: 2 });
    const gone = await db.put({ _id: 'gone', v: 1 });
    await db.remove('gone', gone.rev);
    await db.put({ _id: 'attached', _attachments: { 'a.txt': { content_type: 'text/plain', data: Buffer.from('hello').toString('base64') } } } as never);
    await db.bulkDocs([{ _id: 'conflicted', _rev: '1-aaaa', v: 'a' }, { _id: 'conflicted', _rev: '1-bbbb', v: 'b' }] as never, { new_edits: false });
    return db;
  }

  const options = { batch_size: 4, reuse_docs: true, skip_revs_diff: () => true } as never;

  it('leaves the target holding exactly what a plain push gives', async () => {
    const src = await source();
    const [ours, plain] = [mem(), mem()];
    await src.replicate.to(ours, options);
    await src.replicate.to(plain);
    expect(await trees(ours)).to.deep.equal(await trees(plain));
    expect(await trees(ours)).to.deep.equal(await trees(src));
    for (const db of [src, ours, plain]) await db.destroy();
  });

  it('resends a generation-1 revision the target has as a no-op: no conflict, the target keeps its later revision', async () => {
    const src = await source();
    const target = mem();
    await src.replicate.to(target);
    const later = await target.get('new-0');
    await target.put({ ...later, v: 'edited at the target' });
    const seq = (await target.info()).update_seq;
    // A fresh push (no checkpoint of the first) sends every generation-1 revision again.
    await src.replicate.to(target, { ...(options as object), checkpoint: false } as never);
    expect((await target.info()).update_seq).to.equal(seq);
    const doc = await target.get('new-0', { conflicts: true });
    expect(doc).to.include({ v: 'edited at the target' });
    expect(doc).to.not.have.property('_conflicts');
    for (const db of [src, target]) await db.destroy();
  });
});
