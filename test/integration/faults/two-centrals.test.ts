// Two centrals on the same databases (a second `pronto-sync start` with COUCHDB_URL and the same
// secrets, as a rolling deploy or a mistaken double start runs them): tills sell through either,
// forged sales arrive through the second, and both change-feed dispatchers judge the same
// documents. Each forged sale is quarantined and announced, nothing is lost or doubled, and the
// audit chain — written by two processes — stays one intact chain.
import { expect } from 'chai';
import { mulberry32 } from '../../../central/demo/prng.js';
import { buildSale, deviceSigner, formatStamp, generateDeviceKey } from '../../../store-client/index.js';
import { basic } from '../../helpers/demo-central.js';
import { startChainRig, type ChainRig } from '../../helpers/chaos/chain-rig.js';
import { startChildCentral, type ChildCentral } from '../../helpers/chaos/child-central.js';
import { settleInvariants } from '../../helpers/invariants.js';
import { waitFor } from '../../helpers/wait-for.js';

describe('two centrals on the same databases (integration)', function () {
  this.timeout(300_000);
  let first: ChildCentral;
  let second: ChildCentral | undefined;
  let rig: ChainRig;
  const random = mulberry32(Number(process.env.SEED ?? 4040));

  before(async () => {
    first = await startChildCentral();
    second = await startChildCentral(first);
    rig = await startChainRig({ central: first.demo });
  });
  after(async () => {
    await rig?.stop();
    await second?.demo.stop();
  });

  it('judges each forged sale once, loses nothing, and keeps one intact audit chain', async () => {
    const tills = [
      await rig.openTill('s1', 's1.pos1'),
      await rig.openTill('s1', 's1.pos2', { via: second!.url }),
      await rig.openTill('s2', 's2.pos1', { via: second!.url }),
    ];
    await waitFor(() => tills.every((t) => t.manager.status.state === 'online'), { timeoutMs: 60_000, what: 'every till online' });
    const forger = deviceSigner(await generateDeviceKey());
    const p = rig.products[0]!;
    const forged = await Promise.all([1, 2, 3].map((i) => forger.sign(buildSale({ lines: [{ sku: p.sku, qty: 1, unitPrice: p.price, discount: 0 }], payments: [{ method: 'card', amount: p.price }] }, {
      store: 's1', device: 's1.pos2', cashier: 'cashier-s1', stamp: formatStamp({ wallMs: Date.now(), counter: 100 + i, node: 's1.pos2' }), businessDay: new Date().toISOString().slice(0, 10),
    }))));
    for (const f of forged) { rig.expectQuarantined.add(f._id); rig.baseline.get('s1')!.ids.add(f._id); }
    const cashier = first.demo.account('cashier-s1');
    const selling = Promise.all(tills.map(async (t) => { for (let i = 0; i < 40; i++) await t.sell(random, rig.products); }));
    const res = await fetch(`${second!.url}/db/store-s1/_bulk_docs`, { method: 'POST', headers: { ...basic(cashier.name, cashier.password), 'Content-Type': 'application/json' }, body: JSON.stringify({ docs: forged }) });
    expect(res.status).to.equal(201);
    await selling;
    await settleInvariants(rig, { timeoutMs: 120_000 });
    // Judged once: one quarantine audit entry per forged sale, not one per central.
    const trail = await first.demo.central.state.couch.nano.use<{ action?: string; details?: { documents?: Array<{ id: string }> } }>('audit').list({ include_docs: true });
    const entries = forged.map((f) => trail.rows.filter((r) => r.doc?.action === 'sale.quarantined' && r.doc.details?.documents?.some((d) => d.id === f._id)).length);
    expect(entries, 'quarantine entries per forged sale').to.deep.equal([1, 1, 1]);
  });
});
