// DocFollower over in-memory PouchDB (no network): handed a snapshot load's pages (loadSnapshot
// with `pages`), it shows exactly what `db.get` returns for every document — conflicts, deletions,
// documents held before, a revision met twice — without reading the pages back through its feed,
// and after the load it follows the database again, missing nothing written meanwhile.
import { expect } from 'chai';
import { createNodePouch, type Db } from '../../../../store-client/index.js';
import { DocFollower, type Followed } from '../../../../store-client/pos/services/follow-docs.js';
import { loadSnapshot, type SnapshotDoc, type SnapshotPageSink } from '../../../../store-client/snapshot/index.js';
import { waitFor } from '../../../helpers/wait-for.js';

const PouchDB = createNodePouch();
let n = 0;
const memory = (): Db => new PouchDB(`follow-docs-${process.pid}-${n++}`, { adapter: 'memory' }) as unknown as Db;

/** A leaf on `branch` (one letter per generation: 'ab' is 2-hab over 1-ha), as central's pages carry it. */
function leaf(id: string, branch: string, deleted = false): SnapshotDoc {
  const ids = Array.from(branch, (_, i) => `h${branch.slice(0, branch.length - i)}`);
  return { _id: id, _rev: `${branch.length}-${ids[0]}`, _revisions: { start: branch.length, ids }, name: `${id} ${branch}`, ...(deleted ? { _deleted: true } : {}) };
}

/** The answer of central's snapshot route: a head, these pages, a closing line (or none: `cut`). */
const stream = (pages: SnapshotDoc[][], cut = false) => () => Promise.resolve(new Response([
  { kind: 'head', db: 'catalog', since: 0, total: pages.flat().length },
  ...pages.map((docs, i) => ({ kind: 'page', seq: i + 1, docs })),
  ...(cut ? [] : [{ kind: 'done', last_seq: pages.length }]),
].map((l) => `${JSON.stringify(l)}\n`).join(''), { status: 200 }));

/** What db.get returns for every document ever written: id → winning rev, live ones only. */
async function truth(db: Db): Promise<Record<string, string>> {
  const rows = (await db.allDocs()).rows;
  return Object.fromEntries(rows.map((r) => [r.id, r.value.rev]).sort());
}

class View {
  readonly docs = new Map<string, Followed>();
  readonly applied = new Map<string, number>();
  readonly follower: DocFollower;
  constructor(db: Db) {
    this.follower = new DocFollower(db, (doc) => {
      this.applied.set(doc._id, (this.applied.get(doc._id) ?? 0) + 1);
      if (doc._deleted) this.docs.delete(doc._id);
      else this.docs.set(doc._id, doc);
    }, () => undefined, 10);
  }
  revs(): Record<string, string> {
    return Object.fromEntries([...this.docs].map(([id, d]) => [id, d._rev ?? '']).sort());
  }
}

/** The follower's sink with its resume held back until `release`: what the pages alone showed can be looked at. */
function heldBack(sink: SnapshotPageSink): SnapshotPageSink & { release(): void } {
  let resumed = false;
  return { pause: sink.pause, page: sink.page, resume: () => { resumed = true; }, release: () => { expect(resumed, 'the load resumed the follower').to.equal(true); sink.resume(); } };
}

const same = async (v: View, db: Db, what: string) => waitFor(async () => JSON.stringify(v.revs()) === JSON.stringify(await truth(db)), { timeoutMs: 5000, what });

describe('store-client/pos/services/follow-docs DocFollower', () => {
  let local: Db;
  let remote: Db;
  let view: View;
  beforeEach(() => {
    local = memory();
    remote = memory();
    view = new View(local);
  });
  afterEach(async () => {
    view.follower.stop();
    await local.destroy();
    await remote.destroy();
  });

  it('shows what get returns for handed pages: new documents, a conflict, a deletion, a document held before, a revision met twice', async () => {
    // Held before the load (an interrupted first start): a conflicting branch must not hide it.
    await local.bulkDocs([leaf('p:held', 'aaa')], { new_edits: false });
    await view.follower.start();
    const pages = [
      [leaf('p:1', 'a'), leaf('p:2', 'ab'), leaf('p:held', 'bb'), leaf('p:c', 'ab'), leaf('p:c', 'ac')],
      [leaf('p:gone', 'abc', true), leaf('p:dc', 'ab', true), leaf('p:dc', 'ac'), leaf('p:2', 'ab')],
      [leaf('p:1', 'ab'), leaf('p:2', 'a')],
    ];
    const sink = heldBack(view.follower.handOff());
    expect(await loadSnapshot({ db: 'catalog', local, remote, fetch: stream(pages), pages: sink })).to.equal('loaded');
    // From the pages alone, before the comparison that follows the load.
    await same(view, local, 'the view to equal the database');
    sink.release();
    expect(view.revs()).to.deep.equal({ 'p:1': '2-hab', 'p:2': '2-hab', 'p:c': '2-hac', 'p:dc': '2-hac', 'p:held': '3-haaa' });
    expect(view.docs.get('p:1')).to.deep.equal({ _id: 'p:1', _rev: '2-hab', name: 'p:1 ab' });
    // Each new document applied once: the paused feed read none of the pages back.
    expect(view.applied.get('p:gone')).to.equal(1);
    expect(view.applied.get('p:c')).to.equal(1);
    // Followed again after the load.
    await local.put({ ...(await local.get('p:1')), name: 'nuevo' });
    await waitFor(() => view.docs.get('p:1')?._rev?.startsWith('3-') === true, { timeoutMs: 5000, what: 'a change after the load' });
  });

  it('misses nothing something else wrote while the pages were handed, and resumes after a load that failed', async () => {
    await view.follower.start();
    const sink = view.follower.handOff();
    const beside: Promise<unknown>[] = [];
    const meddled = {
      pause: async () => {
        await sink.pause();
        // Written beside the load, never handed: a new document and a losing branch that now wins.
        await local.put({ _id: 'p:other', name: 'other' });
        await local.bulkDocs([leaf('p:1', 'zz')], { new_edits: false });
      },
      page: (docs: readonly SnapshotDoc[]) => {
        sink.page(docs);
        // And one written while the pages are handed (a replication writing beside the load).
        beside.push(local.put({ _id: `p:beside-${beside.length}`, name: 'beside' }));
      },
      resume: sink.resume,
    };
    const failed = await loadSnapshot({ db: 'catalog', local, remote, fetch: stream([[leaf('p:1', 'a'), leaf('p:2', 'a')]], true), pages: meddled }).then(() => 'loaded', (err: Error) => err.message);
    expect(failed).to.contain('ended before its last page');
    await Promise.all(beside);
    await same(view, local, 'the view to equal the database');
    expect(Object.keys(view.revs())).to.deep.equal(['p:1', 'p:2', 'p:beside-0', 'p:other']);
    expect(view.revs()['p:1']).to.equal('2-hzz');
    await local.put({ _id: 'p:after', name: 'after' });
    await waitFor(() => view.docs.has('p:after'), { timeoutMs: 5000, what: 'a change after the failed load' });
    // Nothing twice: each written once beside the load, each applied once.
    expect([view.applied.get('p:other'), view.applied.get('p:beside-0'), view.applied.get('p:after')]).to.deep.equal([1, 1, 1]);
  });

  it('applies a document written between its read of the sequence and its read of every document once, at the start and after a hand-off', async () => {
    // The local database, with a write slipped in just before the next read of every document.
    let slip: (() => Promise<unknown>) | undefined;
    const db = new Proxy(local, {
      get(target, key) {
        if (key === 'allDocs') {
          return async (opts: { keys?: string[] } = {}) => {
            const write = opts.keys ? undefined : slip;
            slip = undefined;
            await write?.();
            return target.allDocs(opts as Parameters<Db["allDocs"]>[0]);
          };
        }
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const v = new View(db);
    try {
      slip = () => local.put({ _id: 'p:at-start', name: 'x' });
      await v.follower.start();
      await local.put({ _id: 'p:mark-1' });
      await waitFor(() => v.docs.has('p:mark-1'), { timeoutMs: 5000, what: 'a change after the start' });
      slip = () => local.put({ _id: 'p:at-resume', name: 'y' });
      expect(await loadSnapshot({ db: 'catalog', local, remote, fetch: stream([[leaf('p:1', 'a')]]), pages: v.follower.handOff() })).to.equal('loaded');
      await local.put({ _id: 'p:mark-2' });
      await waitFor(() => v.docs.has('p:mark-2'), { timeoutMs: 5000, what: 'a change after the load' });
      expect(slip, 'the write slipped in').to.equal(undefined);
      await same(v, local, 'the view to equal the database');
      expect([v.applied.get('p:at-start'), v.applied.get('p:at-resume'), v.applied.get('p:1')]).to.deep.equal([1, 1, 1]);
    } finally {
      v.follower.stop();
    }
  });

  it('equals get for every document after random pages of random leaves (seeded)', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      let s = seed;
      const random = () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
      const db = memory();
      const v = new View(db);
      const held = Array.from({ length: 5 }, (_, i) => leaf(`p:${i}`, 'x'.repeat(1 + Math.floor(random() * 3))));
      await db.bulkDocs(held, { new_edits: false });
      await v.follower.start();
      const pages = Array.from({ length: 6 }, () => Array.from({ length: 1 + Math.floor(random() * 12) }, () => {
        const branch = Array.from({ length: 1 + Math.floor(random() * 4) }, () => 'abc'[Math.floor(random() * 3)]).join('');
        return leaf(`p:${Math.floor(random() * 15)}`, branch, random() < 0.2);
      }));
      const sink = heldBack(v.follower.handOff());
      expect(await loadSnapshot({ db: 'catalog', local: db, remote, fetch: stream(pages), pages: sink })).to.equal('loaded');
      await same(v, db, `seed ${seed}: the view to equal the database from the pages alone`);
      sink.release();
      await db.put({ _id: 'p:after' });
      await waitFor(() => v.docs.has('p:after'), { timeoutMs: 5000, what: `seed ${seed}: a change after the load` });
      await same(v, db, `seed ${seed}: the view to equal the database after the load`);
      v.follower.stop();
      await db.destroy();
    }
  });
});
