import { expect } from 'chai';
import { alternateSides, roundOrder } from '../../../bench/lib/alternate-sides.js';
import { warmUpSize } from '../../../bench/lib/till-fixtures.js';

describe('bench/lib/alternate-sides', () => {
  it('rotates which side goes first, round by round, every side once a round', () => {
    expect([0, 1, 2, 3].map((r) => roundOrder(r, 3))).to.deep.equal([[0, 1, 2], [1, 2, 0], [2, 0, 1], [0, 1, 2]]);
    expect(roundOrder(1, 2)).to.deep.equal([1, 0]);
  });

  it('runs a warm-up round that is not counted, then one sample per side per round', async () => {
    const calls: string[] = [];
    const lines: string[] = [];
    const side = (name: string, value: number) => async (warmUp: boolean) => {
      calls.push(name);
      expect(warmUp, `${name}, call ${calls.length}`).to.equal(calls.length <= 3);
      return value + calls.length;
    };
    const out = await alternateSides({ repeats: 2, progress: (l) => lines.push(l) }, 'peer', 'ms', {
      ours: side('ours', 100), raw: side('raw', 200), rxdb: side('rxdb', 300),
    });
    expect(calls).to.deep.equal(['ours', 'raw', 'rxdb', 'raw', 'rxdb', 'ours', 'rxdb', 'ours', 'raw']);
    expect(out).to.deep.equal({ ours: [106, 108], raw: [204, 209], rxdb: [305, 307] });
    expect(lines[0]).to.equal('peer: warm-up ours 101 ms');
    expect(lines[3]).to.equal('peer: round 1/2 raw 204 ms');
    expect(lines).to.have.length(9);
  });

  it('sizes a --quick warm-up at a quarter and every counted run in full', () => {
    expect(warmUpSize({ quick: true }, 1_000)(true)).to.equal(250);
    expect(warmUpSize({ quick: true }, 1_000)(false)).to.equal(1_000);
    expect(warmUpSize({ quick: false }, 10_000)(true)).to.equal(10_000);
    expect(warmUpSize({ quick: true }, 5)(true)).to.equal(2);
  });
});
