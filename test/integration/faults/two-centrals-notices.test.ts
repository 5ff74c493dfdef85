// Live notices with two centrals on the same databases (central/events/notice-relay.ts): a
// console connected to either instance hears every notice of work done once — a forged sale
// quarantined by whichever dispatcher won, an enrolment request submitted through the other
// instance — exactly once: none lost, none doubled by the relay.
import { expect } from 'chai';
import { buildSale, deviceSigner, formatStamp, generateDeviceKey } from '../../../store-client/index.js';
import { basic } from '../../helpers/demo-central.js';
import { startChildCentral, type ChildCentral } from '../../helpers/chaos/child-central.js';
import { readSse, type SseClient, type SseEvent } from '../../helpers/sse.js';
import { waitFor } from '../../helpers/wait-for.js';

describe('two centrals: live notices reach the consoles of both (integration)', function () {
  this.timeout(300_000);
  let first: ChildCentral;
  let second: ChildCentral | undefined;
  const consoles: SseClient[] = [];
  const as = (name: string) => basic(name, first.demo.account(name).password);
  const count = (sse: SseClient, match: (e: SseEvent) => boolean) => sse.seen.filter(match).length;

  before(async () => {
    first = await startChildCentral();
    second = await startChildCentral(first);
    for (const central of [first, second]) consoles.push(await readSse(`${central.url}/api/events`, as('chain-admin')));
  });
  after(async () => {
    for (const sse of consoles) sse.close();
    await second?.demo.stop();
    await first?.demo.stop();
  });

  it('announces each forged sale pushed through the second central once on each console', async () => {
    const nano = first.demo.central.state.couch.nano;
    const product = (await nano.use<{ sku: string; price: number }>('catalog').list({ startkey: 'product:', endkey: 'product;', include_docs: true, limit: 1 })).rows[0]!.doc!;
    const forger = deviceSigner(await generateDeviceKey());
    const forged = await Promise.all([1, 2, 3].map((i) => forger.sign(buildSale({ lines: [{ sku: product.sku, qty: 1, unitPrice: product.price, discount: 0 }], payments: [{ method: 'card', amount: product.price }] }, {
      store: 's1', device: 's1.pos2', cashier: 'cashier-s1', stamp: formatStamp({ wallMs: Date.now(), counter: 200 + i, node: 's1.pos2' }), businessDay: new Date().toISOString().slice(0, 10),
    }))));
    const res = await fetch(`${second!.url}/db/store-s1/_bulk_docs`, { method: 'POST', headers: { ...as('cashier-s1'), 'Content-Type': 'application/json' }, body: JSON.stringify({ docs: forged }) });
    expect(res.status).to.equal(201);
    const quarantined = (sse: SseClient, id: string) => count(sse, (e) => e.type === 'sale.quarantined' && e.data.docId === id);
    await waitFor(() => consoles.every((sse) => forged.every((f) => quarantined(sse, f._id) >= 1)), { timeoutMs: 60_000, what: 'every forged sale announced on both consoles' });
    // A doubled notice would arrive within the relay's next batch and poll: give it time to show.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(consoles.map((sse) => forged.map((f) => quarantined(sse, f._id))), 'sale.quarantined per forged sale, per console').to.deep.equal([[1, 1, 1], [1, 1, 1]]);
  });

  it('announces an enrolment request made through the first central once on each console', async () => {
    const key = await generateDeviceKey();
    const res = await fetch(`${first.url}/api/device-requests`, { method: 'POST', headers: { ...as('cashier-s1'), 'Content-Type': 'application/json' }, body: JSON.stringify({ store: 's1', device: 's1.pos7', publicJwk: key.publicJwk }) });
    expect(res.status).to.equal(201);
    const submitted = (e: SseEvent) => e.type === 'device.request' && e.data.device === 's1.pos7' && e.data.change === 'submitted';
    await waitFor(() => consoles.every((sse) => count(sse, submitted) >= 1), { timeoutMs: 30_000, what: 'the enrolment request announced on both consoles' });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(consoles.map((sse) => count(sse, submitted)), 'device.request per console').to.deep.equal([1, 1]);
  });
});
