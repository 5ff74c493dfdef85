// patches/pouchdb-replication: an empty page of changes writes its checkpoint only when no batch
// waits. Upstream checked the current batch alone, so an empty page answered between one batch's
// end and the start of the next queued batch wrote a checkpoint past the queued batch; when that
// batch then failed (a till cut off mid-pull), its documents were never replicated. Found in a
// 500-store simulate: tills' catalogs kept a product's first revision for good (docs/OPERATIONS.md).
//
// The race is between two promise chains, so the test sets it up exactly: real PouchDB databases,
// with the source's `changes` and `bulkGet` wrapped to hold or answer at chosen moments. The empty
// page is answered a chosen number of microtasks after the first batch's checkpoint event, for
// every number up to a bound: the gap is among them.
import { expect } from 'chai';
import { deferred } from '../../helpers/deferred.js';
import { riggedPair } from '../../helpers/rigged-pair.js';

const DOCS = 4;
const BATCH = 2;

/** A source whose third `changes` page (the empty one) answers when told, and whose second
 * `bulkGet` (the second batch) fails. */
async function rigged() {
  const { src, target, real, rig, unrig } = await riggedPair('epc', DOCS);
  const lastSeq = (await src.info()).update_seq;
  const secondPage = deferred<void>();
  const emptyPage = deferred<{ results: never[]; last_seq: unknown }>();
  let changesCalls = 0;
  let bulkGets = 0;
  const changes = (opts: unknown) => {
    changesCalls++;
    if (changesCalls <= 2) {
      const feed = real.changes(opts) as PromiseLike<unknown>;
      if (changesCalls === 2) feed.then(() => secondPage.resolve(), () => secondPage.resolve());
      return feed;
    }
    // The third page: nothing more. An event emitter for `on`, a promise for `then`.
    const feed = { on: () => feed, cancel: () => undefined, then: (f: (v: unknown) => unknown, r?: (e: unknown) => unknown) => emptyPage.promise.then(f, r) };
    return feed;
  };
  const bulkGet = async (opts: unknown) => {
    bulkGets++;
    // The first batch waits until the second page is read (its batch queued behind it).
    if (bulkGets === 1) { await secondPage.promise; return real.bulkGet(opts); }
    // The second batch fails, as a till's `_bulk_get` does when its connection drops. Not at once:
    // a checkpoint written meanwhile (the defect) gets the time to land on both sides first (memory
    // databases: well under a millisecond). Fixed, no such checkpoint is written, however long.
    await new Promise((resolve) => setTimeout(resolve, 50));
    throw Object.assign(new Error('network connection lost'), { code: 'ECONNRESET' });
  };
  rig({ changes, bulkGet });
  return { src, target, answerEmptyPage: () => emptyPage.resolve({ results: [], last_seq: lastSeq }), unrig };
}

describe('pouchdb-replication patch: an empty page writes no checkpoint past a queued batch', function () {
  this.timeout(60_000);

  it('replicates every document after a batch fails, whenever the empty page answers', async function () {
    const lost: string[] = [];
    for (let depth = 0; depth <= 12; depth++) {
      const { src, target, answerEmptyPage, unrig } = await rigged();
      const rep = src.replicate.to(target, { batch_size: BATCH, batches_limit: 4, retry: false });
      let answered = false;
      rep.on('checkpoint' as never, (info: { checkpoint?: unknown }) => {
        if (info.checkpoint === undefined || answered) return;
        answered = true;
        // The first batch's checkpoint is written: answer the empty page `depth` microtasks later.
        let later: Promise<unknown> = Promise.resolve();
        for (let i = 0; i < depth; i++) later = later.then(() => undefined);
        void later.then(answerEmptyPage);
      });
      const first = await Promise.resolve(rep).then(() => 'complete', (err: Error) => err.message);
      expect(first, `depth ${depth}: the second batch fails`).to.equal('network connection lost');
      unrig();
      // The till reconnects: a second pull from the checkpoint must bring what the failed batch did not.
      await src.replicate.to(target, { batch_size: BATCH, batches_limit: 4, retry: false });
      const have = (await target.allDocs()).rows.length;
      if (have !== DOCS) lost.push(`depth ${depth}: ${have} of ${DOCS}`);
      await Promise.all([src.destroy(), target.destroy()]);
    }
    expect(lost, 'documents never replicated').to.deep.equal([]);
  });
});
