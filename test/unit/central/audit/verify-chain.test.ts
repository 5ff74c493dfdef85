import { expect } from 'chai';
import { auditHash, auditId, auditMac, GENESIS_HASH } from '../../../../central/audit/audit-hash.js';
import { verifyChain, type ChainEntry } from '../../../../central/audit/verify-chain.js';

const KEY = Buffer.alloc(32, 1);

function chain(n: number, key = KEY): ChainEntry[] {
  const out: ChainEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const at = `2026-11-24T10:00:0${seq}.000Z-0000-central`;
    const e: ChainEntry = { _id: auditId(seq), type: 'audit', seq, at, actor: 'resolver', action: 'conflict.resolved', prevHash: prev, updatedAt: at, updatedBy: 'central' };
    e.hash = auditHash(e);
    e.mac = auditMac(e.hash, key);
    prev = e.hash;
    out.push(e);
  }
  return out;
}

function rehash(e: ChainEntry, key: Buffer): ChainEntry {
  const hash = auditHash(e);
  return { ...e, hash, mac: auditMac(hash, key) };
}

describe('central/audit/verify-chain', () => {
  it('accepts an intact chain and reports its head', () => {
    const entries = chain(5);
    expect(verifyChain(entries, KEY)).to.deep.equal({ ok: true, entries: 5, head: entries[4]!.hash });
  });

  it('accepts an empty chain', () => {
    expect(verifyChain([], KEY)).to.deep.equal({ ok: true, entries: 0, head: GENESIS_HASH });
  });

  const broken: Array<[string, (c: ChainEntry[]) => ChainEntry[], number, RegExp]> = [
    ['an altered entry', (c) => c.map((e) => (e.seq === 3 ? { ...e, actor: 'someone-else' } : e)), 3, /hash does not match/],
    ['a missing entry', (c) => c.filter((e) => e.seq !== 2), 3, /sequence 3 where 2 was expected/],
    ['an altered entry re-hashed without the key', (c) => c.map((e) => (e.seq === 2 ? rehash({ ...e, actor: 'x' }, Buffer.alloc(32, 9)) : e)), 2, /MAC does not verify/],
    ['an altered entry re-hashed with the key (the next link breaks)', (c) => c.map((e) => (e.seq === 2 ? rehash({ ...e, actor: 'x' }, KEY) : e)), 3, /prevHash does not match/],
    ['an entry without a MAC', (c) => c.map((e) => (e.seq === 4 ? { ...e, mac: undefined } : e)), 4, /MAC/],
  ];
  for (const [what, tamper, seq, reason] of broken) {
    it(`names the first broken link for ${what}`, () => {
      const report = verifyChain(tamper(chain(5)), KEY);
      expect(report.ok).to.equal(false);
      if (!report.ok) {
        expect(report.broken.seq).to.equal(seq);
        expect(report.broken.reason).to.match(reason);
      }
    });
  }

  describe("against central's record of the head", () => {
    const entries = chain(5);
    const head = (seq: number, hash = entries[seq - 1]!.hash!, valid = true) => ({ seq, hash, valid });

    it('accepts a chain that reaches its recorded head, or has grown past it', () => {
      expect(verifyChain(entries, KEY, head(5)).ok).to.equal(true);
      expect(verifyChain(entries, KEY, head(3)).ok).to.equal(true);
      expect(verifyChain([], KEY, null).ok).to.equal(true);
    });

    const cases: Array<[string, ChainEntry[], Parameters<typeof verifyChain>[2], number, RegExp]> = [
      ['a tail cut off (every remaining link intact)', entries.slice(0, 3), head(5), 4, /ends at entry 3 .* recorded entry 5/],
      ['a chain emptied', [], head(5), 1, /ends at entry 0/],
      ['a tail replaced by a re-hashed one', entries.slice(0, 4).concat(rehash({ ...entries[4]!, actor: 'x' }, KEY)), head(5), 5, /not the one central recorded/],
      ['a head record altered', entries, head(4, entries[3]!.hash!, false), 4, /does not verify/],
      ['a head record deleted', entries, null, 5, /missing/],
    ];
    for (const [what, chainNow, recorded, seq, reason] of cases) {
      it(`finds ${what}`, () => {
        const report = verifyChain(chainNow, KEY, recorded);
        expect(report.ok).to.equal(false);
        if (!report.ok) {
          expect(report.broken.seq).to.equal(seq);
          expect(report.broken.reason).to.match(reason);
        }
      });
    }
  });
});
