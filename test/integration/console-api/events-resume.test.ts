// /api/events on a real central: every event has an id, a console that reconnects with
// Last-Event-ID gets exactly what it missed, a stale id gets `reset`, changes the feed
// dispatches are announced, and a store manager hears only their own store.
import { expect } from 'chai';
import { basic, startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';
import { readSse, type SseClient, type SseEvent } from '../../helpers/sse.js';
import { waitFor } from '../../helpers/wait-for.js';

describe('central/http/events-route: resumable server-sent events', function () {
  let h: DemoCentral;
  const open: SseClient[] = [];
  const as = (name: string) => basic(name, h.account(name).password);
  const connect = async (name: string, headers: Record<string, string> = {}) => {
    const sse = await readSse(`${h.central.url}/api/events`, { ...as(name), ...headers });
    open.push(sse);
    return sse;
  };
  const publish = (n: number, tag: string, store = 's1') => {
    for (let i = 0; i < n; i++) h.central.state.bus.publish('store-doc.flagged', { db: `store-${store}`, count: i, tag });
  };
  const tagged = (sse: SseClient, tag: string) => sse.seen.filter((e) => e.data.tag === tag);
  const seenTagged = async (sse: SseClient, tag: string, n: number) => {
    await waitFor(() => tagged(sse, tag).length >= n, { what: `${n} events tagged ${tag}` });
    return tagged(sse, tag);
  };
  const idOf = (e: SseEvent) => (e as SseEvent & { id: string }).id;

  before(async function () {
    h = await startDemoCentral();
  });
  afterEach(() => { for (const sse of open.splice(0)) sse.close(); });
  after(async function () {
    await h?.stop();
  });

  it('gives every event an id <epoch>-<n>, increasing', async function () {
    const sse = await connect('chain-admin');
    publish(3, 'ids');
    const ids = (await seenTagged(sse, 'ids', 3)).map(idOf);
    for (const id of ids) expect(id).to.match(/^[0-9a-f]+-\d+$/);
    const numbers = ids.map((id) => Number(id.split('-')[1]));
    expect(numbers).to.deep.equal([numbers[0]!, numbers[0]! + 1, numbers[0]! + 2]);
  });

  it('sends a reconnecting client exactly the events it missed, in order', async function () {
    const first = await connect('chain-admin');
    publish(2, 'before');
    const seen = await seenTagged(first, 'before', 2);
    first.close();
    publish(5, 'missed');
    const again = await connect('chain-admin', { 'Last-Event-ID': idOf(seen[1]!) });
    const missed = await seenTagged(again, 'missed', 5);
    expect(missed.map((e) => e.data.count)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(tagged(again, 'before'), 'nothing seen before is sent again').to.have.length(0);
    expect(again.seen.some((e) => e.type === 'reset')).to.equal(false);
    const reloaded = await readSse(`${h.central.url}/api/events?lastEventId=${idOf(seen[1]!)}`, as('chain-admin'));
    open.push(reloaded);
    expect((await seenTagged(reloaded, 'missed', 5)).map((e) => e.data.count), 'a reloaded page passes the id in the query').to.deep.equal([0, 1, 2, 3, 4]);
  });

  it('answers an id from another epoch, or older than the ring, with a reset carrying the newest id', async function () {
    const other = await connect('chain-admin', { 'Last-Event-ID': 'deadbeef-1' });
    await other.next((e) => e.type === 'reset');
    const first = await connect('chain-admin');
    publish(1, 'old');
    const [old] = await seenTagged(first, 'old', 1);
    publish(1001, 'flood');
    const latest = idOf((await seenTagged(first, 'flood', 1001))[1000]!);
    const stale = await connect('chain-admin', { 'Last-Event-ID': idOf(old!) });
    const reset = await stale.next((e) => e.type === 'reset');
    expect(tagged(stale, 'flood')).to.have.length(0);
    // The reset names the newest event central had when it answered: the flood's last, or one the
    // demo central's own feed published since (its jobs run in the background) — never an older one.
    const seq = (id: string) => Number(id.split('-')[1]);
    expect(seq(idOf(reset)), 'the next reconnect resumes from here').to.be.at.least(seq(latest));
    const sameEvent = await first.next((e) => idOf(e) === idOf(reset));
    expect(sameEvent, 'the reset id is an event every live console saw').to.not.equal(undefined);
    const after = await connect('chain-admin', { 'Last-Event-ID': idOf(reset) });
    publish(1, 'after-reset');
    expect((await seenTagged(after, 'after-reset', 1))).to.have.length(1);
    expect(after.seen.filter((e) => e.type === 'reset'), 'resuming from the reset id is not stale').to.have.length(0);
  });

  it('announces a change the feed dispatched, with its database, type, id and store, without the document', async function () {
    const sse = await connect('chain-admin');
    const catalog = h.central.state.couch.nano.use<Record<string, unknown>>('catalog');
    const { rows } = await catalog.list({ startkey: 'product:', endkey: 'product:\ufff0', limit: 1, include_docs: true });
    const product = rows[0]!.doc!;
    await catalog.insert({ ...product, name: `${String(product.name)} (editado)` });
    const change = await sse.next((e) => e.type === 'change' && e.data.docId === product._id);
    expect(change.data).to.include({ db: 'catalog', docType: 'product', docId: product._id, store: null, deleted: false });
    expect(change.data).not.to.have.property('name');
  });

  it("sends a store manager only their own store's events, and refuses cashiers (403) and anonymous callers (401)", async function () {
    const manager = await connect('manager-s1');
    const admin = await connect('chain-admin');
    publish(1, 'other-store', 's2');
    publish(1, 'own-store', 's1');
    await seenTagged(admin, 'own-store', 1);
    await seenTagged(admin, 'other-store', 1);
    await seenTagged(manager, 'own-store', 1);
    expect(tagged(manager, 'other-store')).to.have.length(0);
    const cashier = await fetch(`${h.central.url}/api/events`, { headers: as('cashier-s1') });
    expect(cashier.status).to.equal(403);
    expect(await cashier.json()).to.include({ code: 'FORBIDDEN' });
    const anonymous = await fetch(`${h.central.url}/api/events`);
    expect(anonymous.status).to.equal(401);
    expect(await anonymous.json()).to.have.property('code');
  });
});
