// A virtual till waits on central as long as the POS's till does (central/simulate/till-timings.ts).
// Central on a loaded machine can take longer than 10 s to answer a till (a 500-store run: a
// request queued for one of central's sockets to the database); the simulator's tills used to give
// such a request up after 10 s (a long-poll after its 5 s heartbeat plus 2 s) and send it again,
// which the POS does not. Here a queue in front of central holds every request 12 s before it
// forwards it (what central's own queue did): a till with the POS's timings stays online and its
// sale arrives; the simulator's old timings abandon the requests (the till goes offline and retries).
import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chainAdmin, readAccountsFile, storeAccounts } from '../../../central/simulate/accounts.js';
import { CentralClient } from '../../../central/simulate/central-client.js';
import { POS_TILL_TIMINGS, type TillTimings } from '../../../central/simulate/till-timings.js';
import { VirtualTill } from '../../../central/simulate/virtual-till.js';
import { mulberry32 } from '../../../central/demo/prng.js';
import { deviceSigner, generateDeviceKey } from '../../../store-client/index.js';
import { startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';
import { waitFor } from '../../helpers/wait-for.js';

/** What the simulator's tills used before they took the POS's timings. */
const OLD_SIMULATOR_TIMINGS: TillTimings = { watchdog: { idleMs: 10_000, heartbeatMarginMs: 2_000 }, heartbeatMs: 5_000, backoff: { baseMs: 200, maxMs: 2_000 } };
const HOLD_MS = 12_000;

/** An HTTP hop in front of central that, once `hold` is set, keeps each request HOLD_MS before forwarding it; answers stream through as they come. */
interface HoldingQueue { url: string; hold: boolean; close(): Promise<void> }

async function startHoldingQueue(target: URL): Promise<HoldingQueue> {
  const agent = new http.Agent({ keepAlive: true });
  const queue: HoldingQueue = { url: '', hold: false, close: async () => { server.closeAllConnections(); agent.destroy(); await new Promise((r) => server.close(r)); } };
  const server = http.createServer((req, res) => {
    const forward = () => {
      const out = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      out.on('error', () => res.destroy());
      res.on('close', () => { if (!res.writableFinished) out.destroy(); });
      req.pipe(out);
    };
    if (queue.hold) setTimeout(forward, HOLD_MS);
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  queue.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return queue;
}

describe('a virtual till waits on a slow central as the POS does', function () {
  this.timeout(300_000);
  let demo: DemoCentral;
  let proxy: HoldingQueue;
  before(async () => {
    demo = await startDemoCentral();
    proxy = await startHoldingQueue(new URL(demo.central.url));
  });
  after(async () => {
    await proxy?.close();
    await demo?.stop();
  });

  /** Opens a till through the proxy, slows the proxy, sells once; the states the till went through while slow, and whether the sale reached central. */
  async function sellThroughSlowCentral(timings: TillTimings | undefined, label: string): Promise<{ states: string[]; arrived: boolean }> {
    proxy.hold = false;
    const entries = await readAccountsFile(path.join(demo.dataDir, 'demo-accounts.json'));
    const central = new CentralClient(demo.central.url, chainAdmin(undefined, entries, 'demo-accounts.json'));
    const [store] = await central.storeIds();
    const { manager, seller } = await storeAccounts(central, store!, entries);
    const key = await generateDeviceKey();
    const device = `${store}.timings-${label}`;
    await central.enrol(manager, store!, device, key.publicJwk);
    const till = new VirtualTill({ centralUrl: proxy.url, store: store!, device, seller, signer: deviceSigner(key), ...(timings ? { timings } : {}) });
    await till.start();
    try {
      await waitFor(() => till.manager.status.state === 'online' && till.manager.status.pending === 0, { timeoutMs: 120_000, what: 'the till online with nothing pending' });
      const states: string[] = [];
      till.manager.onStatus((s) => { if (s.state !== 'online' && s.state !== 'syncing') states.push(`${s.state} ${s.error?.message ?? ''}`.trim()); });
      proxy.hold = true;
      const products = await central.products(0, 5);
      const sale = await till.sell(mulberry32(7), products);
      let arrived = false;
      // Bounded by count: at most 40 reads of central, 3 s apart.
      for (let i = 0; i < 40 && !arrived; i++) {
        await new Promise((r) => setTimeout(r, 3_000));
        arrived = (await central.allDocs(`store-${store}`)).has(sale._id);
        if (states.length > 0) break;
      }
      return { states: [...states], arrived };
    } finally {
      proxy.hold = false;
      await till.stop();
    }
  }

  it('with the POS timings (the default) a request held 12 s before central sees it is waited for: the till stays online and its sale arrives', async () => {
    const { states, arrived } = await sellThroughSlowCentral(undefined, 'pos');
    expect(states, states.join('\n')).to.deep.equal([]);
    expect(arrived).to.equal(true);
    expect(new VirtualTill({ centralUrl: proxy.url, store: 's1', device: 'x', seller: { name: 'n', password: 'p' }, signer: deviceSigner(await generateDeviceKey()) }).timings).to.deep.equal(POS_TILL_TIMINGS);
  });

  it("with the simulator's old timings the same central makes the till abandon its requests and go offline", async () => {
    const { states } = await sellThroughSlowCentral(OLD_SIMULATOR_TIMINGS, 'old');
    expect(states.some((s) => /^offline central sent nothing for \d+ ms/.test(s)), states.join('\n')).to.equal(true);
  });
});
