// A window snapshot (central/snapshot/read-window-snapshot.ts) on a real server: its changes feed
// starts at the seq the first `_all_docs` page answered (on a cluster, the seq of the very copies
// that page read), and when a later page names other copies — a node went down or came back in
// the middle — the ranges prove nothing and the feed is read from 0, so no document is missed.
// The other copies are simulated: the answer of a real server with its `update_seq` replaced by a
// seq Apache CouchDB 3.4.3 gave on a 3-node cluster (test/unit/central/couch/cluster-seq.test.ts).
import { expect } from 'chai';
import type Nano from 'nano';
import { readWindowSnapshot } from '../../../central/snapshot/index.js';
import { buildMove } from '../../../store-client/index.js';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';

const NODE2 = '6-g1AAAACEeJzLYWBgYM5gTmEQSs4vTc5ISTJyMDQy1zMAQsMcoBxTHgvDKiAAUv-BICuRCZ_ipFAgACpdCdSRlYjX3EQGkOKQrETGLACOciSY';
const NODE1 = '6-g1AAAACEeJzLYWBgYM5gTmEQSs4vTc5ISTJ0MDQy1zMAQsMcoBxTHgvDKiAAUv-BICuRCZ_ipFAgACpdCdSRlYjX3EQGkOKQrETGLACNniSV';

interface Seen { allDocsSeqs: unknown[]; changesSince: unknown[] }

/**
 * The server's nano, recording what it was asked; `before` runs before the first `_all_docs`
 * page is read, and `seqs[i]` replaces the i-th page's `update_seq` when given.
 */
function watched(nano: Nano.ServerScope, seen: Seen, opts: { seqs?: string[]; before?: () => Promise<void> } = {}): Nano.ServerScope {
  const { seqs, before } = opts;
  const spy = Object.create(nano) as Nano.ServerScope;
  spy.request = (async (req: Nano.RequestOptions) => {
    if (req.path === '_all_docs' && seen.allDocsSeqs.length === 0) await before?.();
    const answer = await nano.request(req) as Record<string, unknown>;
    if (req.path === '_all_docs') {
      if (seqs !== undefined) answer.update_seq = seqs[Math.min(seen.allDocsSeqs.length, seqs.length - 1)];
      seen.allDocsSeqs.push(answer.update_seq);
    }
    if (req.path === '_changes') seen.changesSince.push((req.qs as { since?: unknown } | undefined)?.since);
    return answer;
  }) as typeof nano.request;
  return spy;
}

describe('central/snapshot/read-window-snapshot: which seq the changes feed starts at', function () {
  this.timeout(120_000);
  let couch: TestCouch;
  const db = 'store-s1';

  before(async function () {
    couch = await startTestCouch();
    await couch.createStore('s1');
    // Five of the store's moves in the window's first range, read two a page (the first test adds a sixth).
    const moves = Array.from({ length: 5 }, (_, i) => {
      const stamp = `2026-11-0${i + 1}T10:00:00.000Z-0000-s1.pos1`;
      return buildMove({ kind: 'receipt', lines: [{ sku: 'PR-1001-NEG-25.5', qty: 1 }] }, { store: 's1', device: 's1.pos1', user: 'test', stamp });
    });
    const written = await couch.nano.use(db).bulk({ docs: moves as never[] });
    expect(written.filter((r) => r.error !== undefined), 'written').to.deep.equal([]);
  });
  after(async function () { await couch?.stop(); });

  const read = async (nano: Nano.ServerScope) => {
    const ids = new Set<string>();
    for await (const page of readWindowSnapshot(nano, db, 's1', '2026-10-01', () => true, 2)) for (const d of page.docs) ids.add(String(d._id));
    return ids;
  };

  it('starts the changes feed at the first page\'s seq, not at the one GET /{db} gave before it', async function () {
    const seen: Seen = { allDocsSeqs: [], changesSince: [] };
    let dbSeq: unknown;
    // A till's sale lands between the two reads.
    const between = async () => {
      dbSeq = (await couch.nano.db.get(db)).update_seq;
      await couch.nano.use(db).insert(buildMove({ kind: 'receipt', lines: [{ sku: 'PR-1001-NEG-25.5', qty: 2 }] }, { store: 's1', device: 's1.pos2', user: 'test', stamp: '2026-11-09T10:00:00.000Z-0000-s1.pos2' }) as never);
    };
    const ids = await read(watched(couch.nano, seen, { before: between }));
    expect([...ids].filter((id) => id.startsWith('move:'))).to.have.length(6);
    expect(seen.allDocsSeqs.length, 'pages read').to.be.greaterThan(3);
    expect(seen.allDocsSeqs[0], 'the first page gives its seq').to.not.equal(undefined);
    expect(seen.changesSince[0]).to.deep.equal(seen.allDocsSeqs[0]);
    expect(seen.changesSince[0], 'not the seq read before').to.not.deep.equal(dbSeq);
  });

  it('reads the whole changes feed when a page names other copies than the first', async function () {
    const seen: Seen = { allDocsSeqs: [], changesSince: [] };
    const ids = await read(watched(couch.nano, seen, { seqs: [NODE2, NODE2, NODE1] }));
    expect(seen.allDocsSeqs.slice(0, 3)).to.deep.equal([NODE2, NODE2, NODE1]);
    expect(seen.changesSince[0], 'the changes feed from the beginning').to.equal(0);
    expect([...ids].filter((id) => id.startsWith('move:'))).to.have.length(6);
  });
});
