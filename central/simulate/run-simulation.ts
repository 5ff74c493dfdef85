// `simulate`: virtual tills selling through the real store-client against a running central, with
// random offline windows, returns and conflicting price edits, a live progress line on stderr;
// then every till healed, a bounded wait for convergence, and the invariants checked
// (find-violations.ts). The summary's exitCode: 0 when they hold, 1 when not (bad input throws a
// BAD_REQUEST ProntoError: exit 64). Each till draws from its own seeded streams, so a seed
// replays the same choices whatever the interleaving.
import { chainAdmin, readAccountsFile } from './accounts.js';
import { CentralClient } from './central-client.js';
import { findViolations } from './find-violations.js';
import { gatherEvidence } from './gather-evidence.js';
import { openTills, pickStores } from './open-tills.js';
import type { SimulationOptions } from './options.js';
import { errorKinds, progressLine, summaryText, tillsNotReadyText, type SimulationSummary, type Tally } from './progress.js';
import { offlineLoop, sellLoop, type LoopContext } from './till-loops.js';
import type { VirtualTill } from './virtual-till.js';

export interface SimulationHooks {
  /** Test only: the Nth sale of the run (1-based) is made and signed but never synced: a lost sale the check must catch. */
  dropSale?: number;
  /** Test only: called with what a check found; may repair (`restoreDropped`) and return true to settle and check again, once. */
  afterCheck?(violations: readonly string[], run: { restoreDropped(): Promise<void> }): Promise<boolean>;
}

export interface SimulationIo {
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdout: { write(text: string): unknown };
  hooks?: SimulationHooks;
}

const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((resolve) => {
  const done = () => { clearTimeout(timer); signal?.removeEventListener('abort', done); resolve(); };
  const timer = setTimeout(done, ms);
  signal?.addEventListener('abort', done, { once: true });
});

export const replayOf = (o: SimulationOptions) =>
  `npm run simulate -- --url ${o.url} --stores ${o.stores} --tills ${o.tills} --minutes ${o.minutes} --offline-rate ${o.offlineRate} --seed ${o.seed}`;

export async function runSimulation(options: SimulationOptions, io: SimulationIo): Promise<SimulationSummary> {
  const t0 = Date.now();
  const errors: string[] = [];
  const fail = (what: string) => (err: unknown) => { errors.push(`${what}: ${(err as Error)?.message ?? String(err)}`); };
  io.stderr.write(`simulate: seed ${options.seed} (replay: ${replayOf(options)})\n`);
  const entries = await readAccountsFile(options.accountsFile);
  const central = new CentralClient(options.url, chainAdmin(options.admin, entries, options.accountsFile));
  const storeIds = await pickStores(central, options.stores);
  const forSale = await central.products(0, 40);
  const forEdit = (await central.products(100, 50)).map((p) => p._id);
  const tally: Tally & { offlineWindows: number } = { sales: 0, returns: 0, edits: 0, pending: 0, offline: 0, tills: storeIds.length * options.tills, errors: 0, offlineWindows: 0 };
  let phase = 'starting';
  let phaseStart = t0;
  let phaseTotal: number | undefined;
  let tills: VirtualTill[] = [];
  const refresh = () => {
    tally.pending = tills.reduce((s, t) => s + t.manager.status.pending, 0);
    tally.offline = tills.filter((t) => !t.online).length;
    tally.errors = errors.length;
    const line = progressLine(phase, tally, Date.now() - phaseStart, phaseTotal);
    io.stderr.write(io.stderr.isTTY ? `\r\x1b[K${line}` : `${line}\n`);
  };
  const ticker = setInterval(refresh, io.stderr.isTTY ? 500 : 10_000);
  const onRejection = fail('unhandled rejection');
  process.on('unhandledRejection', onRejection);
  try {
    const run = Date.now().toString(36);
    const opened = await openTills(central, storeIds, options.tills, entries, run, (n) => { tally.opened = n; });
    tills = opened.tills;
    const openSeconds = Math.round((Date.now() - t0) / 1000);
    for (const t of tills) t.manager.onStatus((s) => { if (s.state === 'error' || s.state === 'denied') errors.push(`${t.device}: ${s.state} ${s.error?.code ?? ''} ${s.error?.message ?? ''}`.trim()); });
    await settle(() => tills.every((t) => t.manager.status.state === 'online' && t.manager.status.pending === 0), 300_000,
      () => tillsNotReadyText(tills.map((t) => t.manager.status)));
    const startSeconds = Math.round((Date.now() - t0) / 1000);

    phase = 'selling'; phaseStart = Date.now(); phaseTotal = options.minutes * 60_000;
    const stop = new AbortController();
    const sellEnd = phaseStart + phaseTotal;
    setTimeout(() => stop.abort(), phaseTotal).unref();
    const loops: LoopContext = {
      seed: options.seed, intervalMs: options.intervalMs, offlineRate: options.offlineRate, offlineMeanMs: options.offlineMeanMs,
      central, forSale, forEdit, tally, fail, dropSale: io.hooks?.dropSale,
      over: () => {
        // Time up or enough sales: every loop's pause ends now, not at the end of a long window.
        if (Date.now() >= sellEnd || (options.maxSales !== undefined && tally.sales >= options.maxSales)) stop.abort();
        return stop.signal.aborted;
      },
      sleep: (ms) => sleep(ms, stop.signal),
    };
    const storeOf = (t: VirtualTill) => opened.stores.find((s) => s.store === t.store)!;
    await Promise.all(tills.flatMap((t, i) => [sellLoop(loops, t, i, storeOf(t)), offlineLoop(loops, t, i, phaseTotal!)]));
    stop.abort();
    const sellSeconds = Math.round((Date.now() - phaseStart) / 1000);
    // The selling phase's last line, whenever the ticker last ran: a log (not a terminal) ticks
    // every 10 s, and a short run could sell everything between two ticks and never show it.
    refresh();

    phase = 'converging'; phaseStart = Date.now(); phaseTotal = options.settleMs;
    for (const t of tills) t.setOnline(true);
    let violations = await converge(central, opened.stores, tills, options.settleMs);
    const again = await io.hooks?.afterCheck?.(violations, { restoreDropped: async () => { for (const t of tills) await t.restoreDropped(); } });
    if (again) violations = await converge(central, opened.stores, tills, options.settleMs);
    const convergenceSeconds = Math.round((Date.now() - phaseStart) / 1000);
    clearInterval(ticker);
    refresh();
    if (io.stderr.isTTY) io.stderr.write('\n');
    const summary: SimulationSummary = {
      ok: violations.length === 0, exitCode: violations.length === 0 ? 0 : 1, seed: options.seed, replay: replayOf(options), url: options.url,
      stores: storeIds, tills: options.tills, minutes: options.minutes, offlineRate: options.offlineRate,
      sales: tally.sales, returns: tally.returns, edits: tally.edits, offlineWindows: tally.offlineWindows, errors: errors.length, firstErrors: errors.slice(0, 10), errorKinds: errorKinds(errors),
      openSeconds, startSeconds, sellSeconds, convergenceSeconds, violations: violations.slice(0, 25),
    };
    io.stdout.write(options.json ? JSON.stringify(summary) + '\n' : summaryText(summary));
    return summary;
  } finally {
    clearInterval(ticker);
    for (const t of tills) await t.stop().catch(fail(`stopping ${t.device}`));
    process.off('unhandledRejection', onRejection);
  }
}

/** Checks until every invariant holds or `timeoutMs` passes (bounded in count too); returns what still does not. */
async function converge(central: CentralClient, stores: Parameters<typeof gatherEvidence>[1], tills: readonly VirtualTill[], timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let last: string[] = [];
  for (let i = 0; i < 100_000; i++) {
    last = findViolations(await gatherEvidence(central, stores, tills));
    if (last.length === 0 || Date.now() >= deadline) return last;
    await sleep(500);
  }
  return last;
}

async function settle(condition: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 1_000_000 && Date.now() < deadline; i++) {
    if (condition()) return;
    await sleep(100);
  }
  throw new Error(`the tills did not come online within ${timeoutMs / 1000} s: ${describe()}`);
}
