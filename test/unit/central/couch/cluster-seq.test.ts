// seqCopies / sameCopies (central/couch/cluster-seq.ts) on seqs Apache CouchDB 3.4.3 gave: a
// 3-node cluster, a q=3 database of six documents, `_all_docs?update_seq=true` (with and without
// `stable=true`) read through node 1.
import { expect } from 'chai';
import { sameCopies, seqCopies } from '../../../../central/couch/cluster-seq.js';

// stable=true: one copy of each range, spread over the nodes (mem3:ushards).
const STABLE = '6-g1AAAACEeJzLYWBgYM5gTmEQSs4vTc5ISTJ2MDQy1zMAQsMcoBxTIkNSaGhoSFYiI7IqIzRVeSwMq4AASP0HgqxEJmTFhmiKQQaGApWuBOrISmTOAgDGIiSY';
// Without it: the first copy of each range to answer, here all of node 2's, then all of node 1's.
const NODE2 = '6-g1AAAACEeJzLYWBgYM5gTmEQSs4vTc5ISTJyMDQy1zMAQsMcoBxTHgvDKiAAUv-BICuRCZ_ipFAgACpdCdSRlYjX3EQGkOKQrETGLACOciSY';
const NODE1 = '6-g1AAAACEeJzLYWBgYM5gTmEQSs4vTc5ISTJ0MDQy1zMAQsMcoBxTHgvDKiAAUv-BICuRCZ_ipFAgACpdCdSRlYjX3EQGkOKQrETGLACNniSV';

describe('central/couch/cluster-seq', function () {
  it('names the node and range of each copy a clustered seq was read from', function () {
    expect(seqCopies(STABLE)).to.deep.equal([
      'couchdb1@127.0.0.1 1431655765-2863311529',
      'couchdb2@127.0.0.1 2863311530-4294967295',
      'couchdb3@127.0.0.1 0-1431655764',
    ]);
    expect(seqCopies(NODE2)).to.deep.equal(['0-1431655764', '1431655765-2863311529', '2863311530-4294967295'].map((r) => `couchdb2@127.0.0.1 ${r}`));
  });

  it('tells seqs of the same copies from seqs of others', function () {
    expect(sameCopies(STABLE, STABLE)).to.equal(true);
    expect(sameCopies(NODE1, NODE2)).to.equal(false);
    expect(sameCopies(STABLE, NODE1)).to.equal(false);
  });

  it('has no answer for a seq that is not clustered: a number, text that does not decode, a cut one', function () {
    for (const seq of [0, 42, '42', '5-notbase64!', 'abc', STABLE.slice(0, 40), null, undefined]) {
      expect(seqCopies(seq), String(seq)).to.equal(undefined);
      expect(sameCopies(seq, STABLE), String(seq)).to.equal(undefined);
    }
  });
});
