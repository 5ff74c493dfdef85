// Heavy (not in `npm test`; run with `npx mocha --config test/load/mocharc.json`): a store offline
// for a simulated week — 5,000 sales stamped over seven days of device clock — reconnecting while
// the other stores keep selling. Every invariant must hold afterwards.
import { expect } from 'chai';
import { mulberry32 } from '../../central/demo/prng.js';
import { startChainRig, type ChainRig } from '../helpers/chaos/chain-rig.js';
import { settleInvariants } from '../helpers/invariants.js';
import { waitFor } from '../helpers/wait-for.js';

const SALES = Number(process.env.WEEK_SALES ?? 5_000);
const WEEK = 7 * 24 * 3_600_000;

describe('a store offline for a week (load)', function () {
  this.timeout(900_000);
  let rig: ChainRig;
  after(() => rig?.stop());

  it(`uploads ${SALES} sales made over a week offline while the others sell, losing and doubling nothing`, async () => {
    rig = await startChainRig();
    const random = mulberry32(77);
    // The offline till's device clock walks from a week ago to now as it sells.
    let simulated = Date.now() - WEEK;
    const away = await rig.openTill('s1', 's1.pos1', { now: () => simulated });
    const others = [await rig.openTill('s2', 's2.pos1'), await rig.openTill('s3', 's3.pos1')];
    await waitFor(() => rig.tills.every((t) => t.manager.status.state === 'online'), { timeoutMs: 120_000, what: 'every till online' });
    away.setup.proxy.set('cut');
    const started = Date.now();
    for (let i = 0; i < SALES; i++) {
      simulated += WEEK / SALES;
      await away.sell(random, rig.products);
      if (i % 50 === 0) for (const t of others) await t.sell(random, rig.products);
    }
    simulated = Date.now();
    await waitFor(() => away.manager.status.pending === SALES, { timeoutMs: 60_000, what: `${SALES} pending` });
    console.log(`      ${SALES} sales recorded offline in ${Math.round((Date.now() - started) / 1000)} s`);
    const healedAt = Date.now();
    away.setup.proxy.heal();
    away.manager.retryNow();
    const selling = (async () => { for (let i = 0; i < 20; i++) for (const t of others) await t.sell(random, rig.products); })();
    await waitFor(() => away.manager.status.pending === 0, { timeoutMs: 600_000, intervalMs: 200, what: 'the week to upload' });
    console.log(`      a week of ${SALES} sales confirmed at central ${Math.round((Date.now() - healedAt) / 1000)} s after reconnecting`);
    await selling;
    await settleInvariants(rig, { timeoutMs: 300_000 });
    expect(away.sold).to.have.length(SALES);
  });
});
