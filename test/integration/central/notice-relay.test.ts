// central/events/notice-relay.ts on a real server: two relays on one `pronto-notices` stand in for
// two central processes. What one publishes reaches the other's bus once and never comes back to
// its own; a server that dies for a while delays notices but loses none, and local publishing
// never waits for it; old notices are deleted.
import { expect } from 'chai';
import { pino } from 'pino';
import { createEventBus, type ProntoEvent } from '../../../central/events/event-bus.js';
import { createNoticeRelay, type NoticeRelay } from '../../../central/events/notice-relay.js';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';
import { waitFor } from '../../helpers/wait-for.js';

describe('central/events/notice-relay (integration)', function () {
  this.timeout(120_000);
  let couch: TestCouch;
  const relays: NoticeRelay[] = [];
  const log = pino({ level: 'silent' });
  const start = async (origin: string, extra: { keepMs?: number } = {}) => {
    const bus = createEventBus();
    const seen: ProntoEvent[] = [];
    bus.subscribe((e) => seen.push(e));
    const relay = createNoticeRelay({ nano: couch.nano, bus, log, origin, pollTimeoutMs: 1_000, ...extra });
    relays.push(relay);
    await relay.start();
    return { relay, seen };
  };
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const of = (seen: ProntoEvent[], type: string, docId: string) => seen.filter((e) => e.type === type && e.data.docId === docId).length;

  before(async () => { couch = await startTestCouch(); });
  after(async () => {
    for (const relay of relays) await relay.stop();
    await couch?.stop();
  });

  it('publishes locally at once and on the other instance once; what every instance derives stays local', async () => {
    const a = await start('a');
    const b = await start('b');
    a.relay.bus.publish('sale.quarantined', { docId: 'sale:1' });
    a.relay.bus.publish('change', { docId: 'sale:1' });
    expect(of(a.seen, 'sale.quarantined', 'sale:1'), 'local, synchronously').to.equal(1);
    await waitFor(() => of(b.seen, 'sale.quarantined', 'sale:1') === 1, { timeoutMs: 20_000, what: 'the notice on the other instance' });
    await pause(1_500);
    expect([of(a.seen, 'sale.quarantined', 'sale:1'), of(a.seen, 'change', 'sale:1')]).to.deep.equal([1, 1]);
    expect([of(b.seen, 'sale.quarantined', 'sale:1'), of(b.seen, 'change', 'sale:1')]).to.deep.equal([1, 0]);
    expect(a.relay.ownBus.latestId()).to.equal(a.relay.bus.latestId());
  });

  it('keeps publishing locally while the server is down and delivers the notice once it is back', async function () {
    if (!couch.embedded) this.skip(); // against COUCHDB_URL there is no process to kill
    const a = await start('c');
    const b = await start('d');
    process.kill(couch.embedded.pid()!, 'SIGKILL');
    await pause(200);
    a.relay.bus.publish('tamper.detected', { docId: 'sale:2' });
    expect(of(a.seen, 'tamper.detected', 'sale:2'), 'local, while the server is down').to.equal(1);
    await waitFor(() => of(b.seen, 'tamper.detected', 'sale:2') === 1, { timeoutMs: 60_000, what: 'the notice after the server came back' });
    await pause(1_500);
    expect([of(a.seen, 'tamper.detected', 'sale:2'), of(b.seen, 'tamper.detected', 'sale:2')]).to.deep.equal([1, 1]);
  });

  it('writes what is queued when stopped, and deletes notices older than it keeps', async () => {
    const a = await start('e');
    a.relay.bus.publish('device.key', { docId: 'device:s1.pos1' });
    await a.relay.stop();
    const { rows } = await couch.nano.use('pronto-notices').list({ include_docs: true });
    const written = rows.filter((r) => (r.doc as { origin?: string } | undefined)?.origin === 'e');
    expect(written.map((r) => (r.doc as { type?: string }).type)).to.deep.equal(['device.key']);
    await start('f', { keepMs: 1_000 });
    await waitFor(async () => (await couch.nano.use('pronto-notices').list()).rows.length === 0, { timeoutMs: 20_000, what: 'old notices deleted' });
  });
});
