import { expect } from 'chai';
import { createEventBus } from '../../../../central/events/event-bus.js';

describe('central/events/event-bus', function () {
  const bus = (capacity = 3) => createEventBus({ epoch: 'e1', capacity, now: () => 0 });
  const ids = (replay: ReturnType<ReturnType<typeof bus>['since']>) => (replay === 'reset' ? 'reset' : replay.events.map((e) => e.id));

  it('numbers events <epoch>-<n> from 1', function () {
    const b = bus();
    const seen: string[] = [];
    b.subscribe((e) => seen.push(e.id));
    b.publish('change', {});
    b.publish('change', {});
    expect(seen).to.deep.equal(['e1-1', 'e1-2']);
    expect(b.latestId()).to.equal('e1-2');
  });

  it('replays the events after an id it still holds, oldest first', function () {
    const b = bus();
    for (let i = 0; i < 5; i++) b.publish('change', { i });
    expect(ids(b.since('e1-2'))).to.deep.equal(['e1-3', 'e1-4', 'e1-5']);
    expect(ids(b.since('e1-4'))).to.deep.equal(['e1-5']);
    expect(ids(b.since('e1-5'))).to.deep.equal([]);
  });

  const resets: Array<[string, string]> = [
    ['an id older than the ring', 'e1-1'],
    ['an id of another epoch', 'e2-4'],
    ['an id from the future', 'e1-9'],
    ['something that is not an id', 'hello'],
  ];
  for (const [what, id] of resets) {
    it(`answers ${what} with reset`, function () {
      const b = bus();
      for (let i = 0; i < 5; i++) b.publish('change', { i });
      expect(b.since(id)).to.equal('reset');
    });
  }

  it('replays everything to a client that saw nothing yet of this epoch (<epoch>-0) while the ring is not full', function () {
    const b = bus();
    b.publish('change', {});
    expect(ids(b.since('e1-0'))).to.deep.equal(['e1-1']);
  });
});
