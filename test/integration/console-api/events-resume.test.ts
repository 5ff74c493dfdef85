// /api/events on a real central: every event has an id, a console that reconnects with
// Last-Event-ID gets exactly what it missed, a stale id gets `reset`, changes the feed
// dispatches are announced, and a store manager hears only their own store.
import { expect } from 'chai';
import { basic, startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';
import { openSse, type SseFrame, type SseReader } from './sse-reader.js';

describe('central/http/events-route: resumable server-sent events', function () {
  let h: DemoCentral;
  const open: SseReader[] = [];
  const as = (name: string) => basic(name, h.account(name).password);
  const connect = async (name: string, headers: Record<string, string> = {}) => {
    const sse = await openSse(`${h.central.url}/api/events`, { ...as(name), ...headers });
    open.push(sse);
    return sse;
  };
  const publish = (n: number, tag: string, store = 's1') => {
    for (let i = 0; i < n; i++) h.central.state.bus.publish('store-doc.flagged', { db: `store-${store}`, count: i, tag });
  };
  const tagged = (tag: string) => (frames: SseFrame[]) => frames.filter((f) => f.data?.includes(`"tag":"${tag}"`));

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
    const frames = tagged('ids')(await sse.until((f) => tagged('ids')(f).length === 3));
    const ids = frames.map((f) => f.id!);
    for (const id of ids) expect(id).to.match(/^[0-9a-f]+-\d+$/);
    const numbers = ids.map((id) => Number(id.split('-')[1]));
    expect(numbers).to.deep.equal([numbers[0]!, numbers[0]! + 1, numbers[0]! + 2]);
  });

  it('sends a reconnecting client exactly the events it missed, in order', async function () {
    const first = await connect('chain-admin');
    publish(2, 'before');
    const seen = tagged('before')(await first.until((f) => tagged('before')(f).length === 2));
    first.close();
    publish(5, 'missed');
    const again = await connect('chain-admin', { 'Last-Event-ID': seen[1]!.id! });
    const missed = tagged('missed')(await again.until((f) => tagged('missed')(f).length === 5));
    expect(missed.map((f) => JSON.parse(f.data!).data.count)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(again.frames.filter((f) => f.data?.includes('"tag":"before"')), 'nothing seen before is sent again').to.have.length(0);
    expect(again.frames.some((f) => f.event === 'reset')).to.equal(false);
  });

  it('answers an id from another epoch, or older than the ring, with a reset', async function () {
    const other = await connect('chain-admin', { 'Last-Event-ID': 'deadbeef-1' });
    await other.until((f) => f.some((x) => x.event === 'reset'));
    const first = await connect('chain-admin');
    publish(1, 'old');
    const [old] = tagged('old')(await first.until((f) => tagged('old')(f).length === 1));
    publish(1001, 'flood');
    const stale = await connect('chain-admin', { 'Last-Event-ID': old!.id! });
    const frames = await stale.until((f) => f.some((x) => x.event === 'reset'));
    expect(frames.filter((f) => f.data?.includes('"tag":"flood"'))).to.have.length(0);
    const reset = frames.find((f) => f.event === 'reset')!;
    expect(reset.id, 'the reset carries the newest id to resume from').to.match(/-\d+$/);
  });

  it('announces a change the feed dispatched, with its database, type, id and store, without the document', async function () {
    const sse = await connect('chain-admin');
    const catalog = h.central.state.couch.nano.use<Record<string, unknown>>('catalog');
    const { rows } = await catalog.list({ startkey: 'product:', endkey: 'product:\ufff0', limit: 1, include_docs: true });
    const product = rows[0]!.doc!;
    await catalog.insert({ ...product, name: `${String(product.name)} (editado)` });
    const isIt = (x: SseFrame) => x.event === 'change' && JSON.parse(x.data!).data.docId === product._id;
    const frames = await sse.until((f) => f.some(isIt), 20_000);
    const change = JSON.parse(frames.find(isIt)!.data!);
    expect(change.data).to.include({ db: 'catalog', docType: 'product', docId: product._id, store: null, deleted: false });
    expect(change.data).not.to.have.property('name');
  });

  it("sends a store manager only their own store's events, and refuses cashiers (403) and anonymous callers (401)", async function () {
    const manager = await connect('manager-s1');
    const admin = await connect('chain-admin');
    publish(1, 'other-store', 's2');
    publish(1, 'own-store', 's1');
    await admin.until((f) => tagged('own-store')(f).length === 1 && tagged('other-store')(f).length === 1);
    await manager.until((f) => tagged('own-store')(f).length === 1);
    expect(tagged('other-store')(manager.frames)).to.have.length(0);
    const cashier = await fetch(`${h.central.url}/api/events`, { headers: as('cashier-s1') });
    expect(cashier.status).to.equal(403);
    expect(await cashier.json()).to.include({ code: 'FORBIDDEN' });
    const anonymous = await fetch(`${h.central.url}/api/events`);
    expect(anonymous.status).to.equal(401);
    expect(await anonymous.json()).to.have.property('code');
  });
});
