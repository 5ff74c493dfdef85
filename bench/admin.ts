// Admin console benchmark: a real central (embedded server, demo chain grown to 50 stores each
// with a till that reported, free loopback ports) and a queue of 10,000 real revision conflicts
// recorded by central's change feed under a `manual` policy. Measures, repeated:
//   in Chromium — console load to the panel's 50 tiles; the queue's first page (with its total
//   when the console shows one); its next page; a type filter; opening a conflict; picking a
//   revision until it leaves the queue; the audit page;
//   from Node — the API calls behind them with the console's session cookie;
// each beside the CouchDB reads (or, for the pick, the write) underneath, sent straight to
// CouchDB in the same run, as a ratio: these machines are shared and noisy, compare ratios.
//   npm run bench (all benches), or after `npm run build:admin`: npx tsx bench/admin.ts [--quick]
//   (BENCH_ADMIN_REPEATS: 10 runs, or 3 with --quick, about 3 minutes)
import path from 'node:path';
import { logInToConsole, OUT, startAdminRig, type AdminRig } from '../test/helpers/admin-e2e.js';
import { apiClient, apiRows, cursorAt, queueParts, rawAudit, rawDetail, rawQueuePage, rawStores, type Endpoints } from './admin/api-reads.js';
import {
  applyTypeFilter, auditShown, detailShown, eventually, filterShown, holds, NEXT_CONTROL, nextShown, OPEN_FIRST, panelShows,
  PICK_FIRST, pickSettled, queueDocs, queueShows, timedAction, timedLoad,
} from './admin/console-timings.js';
import { rawResolve, spareConflicts } from './admin/raw-resolve.js';
import { pct, table, timed, type Row } from './admin/samples.js';
import { growStores, makeConflictBacklog, manualPolicy, waitForQueue, waitForQuiet } from './admin/seed-chain.js';

const QUICK = process.argv.includes('--quick');
const REPEATS = Number(process.env.BENCH_ADMIN_REPEATS ?? (QUICK ? 3 : 10));
const STORES = 50;
const CONFLICTS = 10_000;
const QUEUE_WAIT_MS = 10 * 60_000;

const progress = (line: string) => process.stderr.write(`  … ${line}\n`);

interface Probe { showsTotal: boolean; hasNext: boolean; filters: boolean; filterType: string }
interface Detailed { _id: string; db: string; docId: string }

/** What the built console offers on the queue page, tried once (not timed). */
async function probeQueue(rig: AdminRig, e: Endpoints): Promise<Probe> {
  const { page } = rig;
  const total = (await apiClient(e).api<{ total: number }>('/conflicts?status=pending&limit=1')).total;
  await timedLoad(page, `${rig.central.url}/admin/#/conflicts`, queueShows(null));
  const showsTotal = await eventually(page, queueShows(total), 3_000);
  await page.screenshot({ path: path.join(OUT, 'bench-queue-10000.png') }); // the first screenful: the page holds hundreds of rows
  const docs = await queueDocs(page);
  const filterType = docs.some((d) => !d.startsWith('product:')) ? 'product' : 'customer';
  const hasNext = await holds(page, NEXT_CONTROL);
  const filters = await timedAction(page, applyTypeFilter(filterType), filterShown(filterType), 8_000).then(() => true, () => false);
  return { showsTotal, hasNext, filters, filterType };
}

type Samples = Record<'panel' | 'queue' | 'next' | 'filter' | 'detail' | 'pick' | 'audit', { ours: number[]; baseline: number[] }>;

/** One warm-up and REPEATS timed passes through the console, each step beside its raw baseline. */
async function runConsole(rig: AdminRig, e: Endpoints, probe: Probe, spare: string[], first: Detailed): Promise<Samples> {
  const { page } = rig;
  const { api } = apiClient(e);
  const url = (hash: string) => `${rig.central.url}/admin/#/${hash}`;
  const next = await cursorAt(e, 50);
  const s = Object.fromEntries(['panel', 'queue', 'next', 'filter', 'detail', 'pick', 'audit'].map((k) => [k, { ours: [], baseline: [] }])) as unknown as Samples;
  const queueTotal = async () => (probe.showsTotal ? (await api<{ total: number }>('/conflicts?status=pending&limit=1')).total : null);
  for (let i = 0; i <= REPEATS; i++) {
    const take = async (k: keyof Samples, ours: Promise<number>, raw: () => Promise<unknown>) => {
      const o = await ours;
      const b = await timed(raw);
      if (i === 0) return; // warm-up
      s[k].ours.push(o);
      s[k].baseline.push(b);
    };
    await take('panel', timedLoad(page, url('panel'), panelShows(STORES)), rawStores(e));
    await take('queue', timedLoad(page, url('conflicts'), queueShows(await queueTotal())), rawQueuePage(e, { status: 'pending', limit: '50' }));
    if (probe.hasNext) await take('next', timedAction(page, `${NEXT_CONTROL}.click();`, nextShown), rawQueuePage(e, { status: 'pending', limit: '50', cursor: next }));
    if (probe.filters) {
      await timedLoad(page, url('conflicts'), queueShows(null));
      await take('filter', timedAction(page, applyTypeFilter(probe.filterType), filterShown(probe.filterType)), rawQueuePage(e, { status: 'pending', type: probe.filterType, limit: '50' }));
    }
    await timedLoad(page, url('conflicts'), queueShows(null));
    await take('detail', timedAction(page, OPEN_FIRST, detailShown), rawDetail(e, first));
    await take('pick', timedAction(page, PICK_FIRST, pickSettled), rawResolve(e, spare));
    await take('audit', timedLoad(page, url('audit'), auditShown), rawAudit(e));
    progress(i === 0 ? 'console warm-up run done' : `console run ${i}/${REPEATS} done`);
  }
  if (!probe.hasNext) s.next.baseline = await repeat(rawQueuePage(e, { status: 'pending', limit: '50', cursor: next }));
  if (!probe.filters) s.filter.baseline = await repeat(rawQueuePage(e, { status: 'pending', type: probe.filterType, limit: '50' }));
  return s;
}

async function repeat(raw: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < REPEATS; i++) out.push(await timed(raw));
  return out;
}

function consoleTable(s: Samples, probe: Probe): Row[] {
  const row = (k: keyof Samples, scenario: string, baselineName: string, note?: string): Row => ({ scenario, ...s[k], baselineName, ...(note ? { note } : {}) });
  return [
    row('panel', `console load → panel with ${STORES} tiles`, 'GET /api/stores\'s CouchDB reads'),
    row('queue', `console load → queue's first page${probe.showsTotal ? ' + total' : ''}`, 'first page (50) view reads', probe.showsTotal ? undefined : 'the console shows no total yet: rows only'),
    row('next', 'queue: next page (click → new rows)', 'view page at record 50 ∥ _count', probe.hasNext ? undefined : 'no next-page control in the built console'),
    row('filter', `queue: filter type=${probe.filterType} (→ its rows)`, 'filtered view page ∥ _count', probe.filters ? undefined : 'no type filter (control or #/conflicts?type=) in the built console'),
    row('detail', 'queue → conflict detail (click → revisions)', 'record + open_revs=all'),
    row('pick', 'pick a revision → gone from the queue', 'open_revs=all + _bulk_docs deleting the loser'),
    row('audit', 'console load → audit page rows', '_all_docs newest 100, docs'),
  ];
}

async function main(): Promise<void> {
  const t0 = Date.now();
  progress('starting central (embedded server, demo chain) and Chromium');
  const rig = await startAdminRig();
  try {
    const nano = rig.central.state.couch.nano;
    await growStores(rig, STORES, progress);
    await manualPolicy(rig);
    const mix = await makeConflictBacklog(rig, CONFLICTS, progress);
    const queuedMs = await waitForQueue(rig, CONFLICTS, QUEUE_WAIT_MS, progress);
    await waitForQuiet(rig, 3_000, 120_000, progress);
    const spare = await spareConflicts(nano, REPEATS + 2);
    await logInToConsole(rig);
    const { username, password } = rig.central.state.couch.auth;
    const e: Endpoints = {
      central: rig.central.url,
      cookie: (await rig.context.cookies(`${rig.central.url}/api/conflicts`)).map((c) => `${c.name}=${c.value}`).join('; '),
      couch: rig.central.state.couch.url,
      couchAuth: 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64'),
    };
    const first = (await apiClient(e).api<{ conflicts: Detailed[] }>('/conflicts?status=pending&limit=50')).conflicts[0]!;
    const probe = await probeQueue(rig, e);
    progress(`console probed: total shown ${probe.showsTotal}, next-page control ${probe.hasNext}, type filter ${probe.filters}`);
    const api = await apiRows(e, REPEATS, first, probe.filterType, progress);
    const parts = await queueParts(e, REPEATS);
    const ui = consoleTable(await runConsole(rig, e, probe, spare, first), probe);
    process.stdout.write([
      '',
      `Pronto Sync admin console benchmark — ${STORES} stores (one reporting till each), ${CONFLICTS} pending conflicts `
        + `(${mix.products} products, ${mix.customers} customers; queued by central's feed in ${(queuedMs / 1000).toFixed(0)} s), `
        + `Chromium headless, loopback, embedded server; ${REPEATS} runs each${QUICK ? ' (--quick)' : ''}`,
      '',
      table([...ui, ...api]),
      '',
      `raw parts of the queue's first page: the page (51 rows with records) p50 ${pct(parts.page, 50).toFixed(1)} ms, the filter's _count over ${CONFLICTS} rows p50 ${pct(parts.count, 50).toFixed(1)} ms`,
      'console loads: navigation start → DOM shows it (in the page); interactions: click → DOM shows the effect; API: request → body read, with the console\'s session cookie',
      `whole run ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    ].join('\n') + '\n');
  } finally {
    await rig.stop();
  }
}

main().then(() => process.exit(0), (err: unknown) => { process.stderr.write(`bench failed: ${(err as Error).stack}\n`); process.exit(1); });
