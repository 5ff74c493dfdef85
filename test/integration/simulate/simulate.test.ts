// simulate (central/simulate) against a real central in this process: a short run of 2 stores × 1
// till passes its invariant check; a sale lost on purpose (a test hook keeps one out of its
// till's database) fails it, naming the sale, and passes again once the sale is put back. A
// virtual till starts as the POS does, from central's snapshots.
import { expect } from 'chai';
import path from 'node:path';
import { parseSimulateArgs, runSimulation, type SimulationHooks, type SimulationSummary } from '../../../central/simulate/index.js';
import { chainAdmin, readAccountsFile, storeAccounts } from '../../../central/simulate/accounts.js';
import { CentralClient } from '../../../central/simulate/central-client.js';
import { VirtualTill } from '../../../central/simulate/virtual-till.js';
import { deviceSigner, generateDeviceKey } from '../../../store-client/index.js';
import { PROGRESS_ID } from '../../../store-client/snapshot/index.js';
import { startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';
import { waitFor } from '../../helpers/wait-for.js';

describe('simulate', function () {
  this.timeout(300_000);
  let demo: DemoCentral;
  before(async () => { demo = await startDemoCentral(); });
  after(async () => { await demo?.stop(); });

  const run = async (seed: number, settleSeconds: number, hooks?: SimulationHooks): Promise<{ summary: SimulationSummary; err: string; out: string }> => {
    let err = '';
    let out = '';
    // Bounded by count (--max-sales); --minutes is only the ceiling.
    const options = parseSimulateArgs(['--url', demo.central.url, '--stores', '2', '--tills', '1', '--minutes', '1', '--offline-rate', '0.3',
      '--seed', String(seed), '--interval-ms', '300', '--offline-mean-ms', '1500', '--max-sales', '40', '--settle-seconds', String(settleSeconds), '--json',
      '--accounts', path.join(demo.dataDir, 'demo-accounts.json')], {});
    const summary = await runSimulation(options, { stderr: { write: (t: string) => (err += t) }, stdout: { write: (t: string) => (out += t) }, hooks });
    return { summary, err, out };
  };

  it('a short run with offline windows, returns and conflicting edits ends with every invariant holding', async () => {
    const { summary, err, out } = await run(13, 120);
    expect(summary.violations, summary.violations.join('\n')).to.deep.equal([]);
    expect(summary.exitCode).to.equal(0);
    expect(summary.sales).to.be.at.least(40);
    expect(err).to.match(/seed 13/).and.match(/selling: sales \d+/);
    expect(JSON.parse(out)).to.include({ ok: true, seed: 13 });
  });

  it('a sale dropped on purpose breaks the check, naming it; put back, the check holds again', async () => {
    let seen: readonly string[] = [];
    // The first check waits out the whole settle time (the sale never arrives): kept short here.
    const { summary } = await run(14, 40, {
      dropSale: 5,
      async afterCheck(violations, r) {
        seen = violations;
        await r.restoreDropped();
        return true;
      },
    });
    expect(seen.some((v) => /^sale:s\d:.* written at .* is not at central$/.test(v)), seen.join('\n')).to.equal(true);
    expect(summary.violations, summary.violations.join('\n')).to.deep.equal([]);
    expect(summary.exitCode).to.equal(0);
  });

  it("a virtual till's first start loads central's snapshots of the catalog and of its store, as the POS's does", async () => {
    const entries = await readAccountsFile(path.join(demo.dataDir, 'demo-accounts.json'));
    const central = new CentralClient(demo.central.url, chainAdmin(undefined, entries, 'demo-accounts.json'));
    const [store] = await central.storeIds();
    const { manager, seller } = await storeAccounts(central, store!, entries);
    const key = await generateDeviceKey();
    const device = `${store}.sim-snapshot-test`;
    await central.enrol(manager, store!, device, key.publicJwk);
    const till = new VirtualTill({ centralUrl: demo.central.url, store: store!, device, seller, signer: deviceSigner(key) });
    await till.start();
    try {
      await waitFor(() => till.manager.status.state === 'online' && till.manager.status.pending === 0, { timeoutMs: 120_000, what: 'the virtual till online with nothing pending' });
      // The loader's mark, left only by a snapshot load that ran to its end (store-client/snapshot).
      for (const db of [till.local.catalog, till.local.store]) expect(await db.get(PROGRESS_ID)).to.include({ done: true });
      const atCentral = await central.allDocs('catalog');
      const mine = new Map((await till.local.catalog.allDocs()).rows.map((r) => [r.id, r.value.rev]));
      for (const [id, doc] of atCentral) expect(mine.get(id), id).to.equal(doc._rev);
    } finally {
      await till.stop();
    }
  });
});
