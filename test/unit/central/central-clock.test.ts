import { expect } from 'chai';
import { createCentralClock, type AheadStamp } from '../../../central/central-clock.js';
import { formatStamp, parseStamp } from '../../../store-client/hlc.js';

const T0 = Date.parse('2026-11-24T17:00:00.000Z');
const MIN = 60_000;
const stampAt = (ms: number, node = 's1.pos1', counter = 0) => formatStamp({ wallMs: ms, counter, node });

describe('central/central-clock', () => {
  function clock() {
    const ahead: AheadStamp[] = [];
    let now = T0;
    const c = createCentralClock('central', () => now, { maxAheadMs: () => 10 * MIN, onAhead: (a) => ahead.push(a) });
    return { c, ahead, tick: (ms: number) => { now += ms; } };
  }

  it('stamps after a stamp it observed within the allowed skew', () => {
    const { c, ahead } = clock();
    const seen = stampAt(T0 + 5 * MIN);
    expect(c.observe(seen)).to.equal(true);
    expect(c.next() > seen).to.equal(true);
    expect(ahead).to.deep.equal([]);
  });

  it('does not adopt a stamp further ahead than the allowed skew, and reports it', () => {
    const { c, ahead } = clock();
    const far = stampAt(T0 + 6 * 60 * MIN);
    expect(c.observe(far)).to.equal(false);
    expect(parseStamp(c.next()).wallMs, 'the clock stays on the wall clock').to.equal(T0);
    expect(ahead).to.deep.equal([{ stamp: far, node: 's1.pos1', aheadMs: 6 * 60 * MIN }]);
  });

  it('ignores what is not a stamp', () => {
    const { c } = clock();
    for (const bad of [undefined, null, 42, '', 'yesterday', '2026-02-30T00:00:00.000Z-0000-s1']) expect(c.observe(bad)).to.equal(false);
    expect(parseStamp(c.next()).wallMs).to.equal(T0);
  });

  it('stamps a write after what it replaces, even far ahead, without dragging the clock', () => {
    const { c } = clock();
    const far = stampAt(T0 + 6 * 60 * MIN, 's1.pos1', 7);
    const write = c.stampAfter([stampAt(T0 - MIN), far, undefined]);
    expect(write > far, 'sorts after the stamp it replaced').to.equal(true);
    expect(parseStamp(write)).to.deep.equal({ wallMs: T0 + 6 * 60 * MIN, counter: 8, node: 'central' });
    expect(parseStamp(c.next()).wallMs, 'the next unrelated write is back on the wall clock').to.equal(T0);
  });

  it('stamps a write on its own clock when what it replaces is older', () => {
    const { c, tick } = clock();
    tick(MIN);
    const write = c.stampAfter([stampAt(T0)]);
    expect(parseStamp(write)).to.include({ wallMs: T0 + MIN, node: 'central' });
  });

  it('borrows a millisecond when the stamp it follows has a full counter', () => {
    const { c } = clock();
    const far = stampAt(T0 + 60 * MIN, 's1.pos1', 0xffff);
    expect(parseStamp(c.stampAfter([far]))).to.deep.equal({ wallMs: T0 + 60 * MIN + 1, counter: 0, node: 'central' });
  });
});
