import { expect } from 'chai';
import { ConnectionSlots } from '../../../store-client/connection-slots.js';

/** The reason `promise` rejected with (fails if it resolved). */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(() => expect.fail('expected a rejection'), (err: Error) => err);
}

/** Settles pending promise callbacks. */
const flush = () => new Promise((r) => setImmediate(r));

describe('store-client/connection-slots', () => {
  it('refuses a budget with no slot left over for what is not a long-poll', () => {
    expect(() => new ConnectionSlots(3, 3)).to.throw(/more connections/).with.property('code', 'CONFIG_INVALID');
    expect(() => new ConnectionSlots(4, 3)).to.not.throw();
  });

  it('gives at most `total` slots at once, and the next waiter one as soon as a slot is released', async () => {
    const slots = new ConnectionSlots(2, 1);
    const a = await slots.acquire('request', 1);
    await slots.acquire('request', 1);
    let third = false;
    void slots.acquire('request', 1).then(() => (third = true));
    await flush();
    expect(third).to.equal(false);
    expect(slots.counts).to.deep.equal({ busy: 2, longPolls: 0, queued: 1 });
    a();
    a(); // a second release of the same slot frees nothing more
    await flush();
    expect(third).to.equal(true);
    expect(slots.counts).to.deep.equal({ busy: 2, longPolls: 0, queued: 0 });
  });

  it('never lets long-polls take the last slot, and a long-poll waiting for its cap does not hold back a request', async () => {
    const slots = new ConnectionSlots(4, 3);
    for (let i = 0; i < 3; i++) await slots.acquire('long-poll', 2);
    let fourthPoll = false;
    void slots.acquire('long-poll', 2).then(() => (fourthPoll = true));
    const request = await slots.acquire('request', 1);
    await flush();
    expect(fourthPoll, 'a fourth long-poll').to.equal(false);
    expect(slots.counts).to.deep.equal({ busy: 4, longPolls: 3, queued: 1 });
    request();
    await flush();
    expect(fourthPoll, 'still not: the freed slot is not a long-poll\'s').to.equal(false);
  });

  it('serves the store\'s writes before other requests, and equals in arrival order', async () => {
    const slots = new ConnectionSlots(2, 1);
    const first = await slots.acquire('request', 1);
    const second = await slots.acquire('request', 1);
    const order: string[] = [];
    const wait = (name: string, kind: 'request' | 'long-poll', priority: number) => slots.acquire(kind, priority).then((release) => {
      order.push(name);
      release();
    });
    const all = [wait('poll', 'long-poll', 2), wait('pull-1', 'request', 1), wait('sale-1', 'request', 0), wait('pull-2', 'request', 1), wait('sale-2', 'request', 0)];
    first();
    second();
    await Promise.all(all);
    expect(order).to.deep.equal(['sale-1', 'sale-2', 'pull-1', 'pull-2', 'poll']);
  });

  it('takes an aborted waiter out of the queue, rejecting with the signal\'s reason, and refuses an already aborted one', async () => {
    const slots = new ConnectionSlots(2, 1);
    const hold = await slots.acquire('request', 1);
    await slots.acquire('request', 1);
    const controller = new AbortController();
    const waiting = slots.acquire('request', 0, controller.signal);
    let next = false;
    void slots.acquire('request', 1).then(() => (next = true));
    controller.abort(new Error('replication cancelled'));
    expect((await rejection(waiting)).message).to.equal('replication cancelled');
    expect(slots.counts.queued).to.equal(1);
    hold();
    await flush();
    expect(next, 'the slot went to the waiter behind the aborted one').to.equal(true);
    expect((await rejection(slots.acquire('request', 0, controller.signal))).message).to.equal('replication cancelled');
  });
});
