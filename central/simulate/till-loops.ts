// The two loops each virtual till runs while the run sells: its actions (sell, give back, or a
// conflicting price edit at central) and its offline windows. Each draws from its own seeded
// stream (the seed and the till's index), so a seed replays every till's choices whatever the
// interleaving. Both end when `over()` says so; an action that fails is reported, not fatal.
import { formatStamp } from '../../store-client/index.js';
import { mulberry32 } from '../demo/prng.js';
import type { CentralClient } from './central-client.js';
import type { SimStore } from './open-tills.js';
import { chooseAction, pauseMs, startsOffline, windowMs } from './schedule.js';
import type { Product, VirtualTill } from './virtual-till.js';

export interface LoopContext {
  seed: number;
  intervalMs: number;
  offlineRate: number;
  offlineMeanMs: number;
  central: CentralClient;
  forSale: readonly Product[];
  /** Catalog ids the run edits (no till sells them, so no sale is made at a stale price). */
  forEdit: readonly string[];
  tally: { sales: number; returns: number; edits: number; offlineWindows: number };
  over(): boolean;
  sleep(ms: number): Promise<void>;
  fail(what: string): (err: unknown) => void;
  /** Test hook: the Nth sale of the run is made but never synced. */
  dropSale?: number;
}

let editCounter = 0;

export async function sellLoop(c: LoopContext, till: VirtualTill, index: number, store: SimStore): Promise<void> {
  const random = mulberry32((c.seed + 7919 * (index + 1)) >>> 0);
  for (let n = 0; n < 10_000_000 && !c.over(); n++) {
    await c.sleep(pauseMs(random(), c.intervalMs));
    if (c.over()) break;
    const action = chooseAction(random());
    try {
      if (action === 'sell') {
        c.tally.sales++;
        await till.sell(random, c.forSale, c.dropSale === c.tally.sales);
      } else if (action === 'return') {
        if (await till.giveBack(random, store.approver, store.manager)) c.tally.returns++;
      } else {
        const id = c.forEdit[Math.floor(random() * c.forEdit.length)]!;
        const stamp = () => formatStamp({ wallMs: Date.now(), counter: editCounter++ % 1000, node: 'central' });
        await c.central.conflictingPriceEdits(id, [100 * (1 + Math.floor(random() * 5)), 100 * (6 + Math.floor(random() * 5))], [stamp(), stamp()]);
        c.tally.edits++;
      }
    } catch (err) {
      c.fail(`${till.device} ${action}`)(err);
    }
  }
}

export async function offlineLoop(c: LoopContext, till: VirtualTill, index: number, ceilingMs: number): Promise<void> {
  const random = mulberry32((c.seed ^ (0x9e3779b9 * (index + 1))) >>> 0);
  let online = !startsOffline(random(), c.offlineRate);
  for (let n = 0; n < 10_000_000 && !c.over(); n++) {
    if (till.online !== online) {
      till.setOnline(online);
      if (!online) c.tally.offlineWindows++;
    }
    const ms = windowMs(random(), online, c.offlineRate, c.offlineMeanMs);
    await c.sleep(Number.isFinite(ms) ? ms : ceilingMs);
    online = !online;
  }
}
