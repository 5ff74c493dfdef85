// The console's steps in Chromium, each beside its raw baseline, alternately: one warm-up pass
// (not with --quick: the untimed check below has loaded the console in the same browser), then
// `repeats` timed passes through panel → queue (first page and its total) → next page → type
// filter → a conflict's detail → pick a revision → audit. Before timing, one untimed pass checks
// that each control does what the timings assume (fails loudly rather than print n/a).
import path from 'node:path';
import { OUT, type AdminRig } from '../../test/helpers/admin-e2e.js';
import { apiClient, cursorAt, rawAudit, rawDetail, rawQueuePage, rawStores, type Endpoints } from './api-reads.js';
import {
  applyTypeFilter, auditShown, detailShown, filterShown, NEXT_PAGE, nextShown, OPEN_FIRST, panelShows,
  PICK_FIRST, pickSettled, queueDocs, queueShows, shownTotal, timedAction, timedLoad,
} from './console-timings.js';
import { rawResolve } from './raw-resolve.js';
import { row, timed, type Row } from './samples.js';

const STEPS = ['panel', 'queue', 'next', 'filter', 'detail', 'pick', 'audit'] as const;
type Samples = Record<(typeof STEPS)[number], { ours: number[]; baseline: number[] }>;
interface Detailed { _id: string; db: string; docId: string }

const queueTotal = async (e: Endpoints) => (await apiClient(e).api<{ total: number }>('/conflicts?status=pending&limit=1')).total;

/** The queue as loaded shows the API's total; returns the type to filter by (the one less common on the first page). */
export async function checkQueue(rig: AdminRig, e: Endpoints): Promise<string> {
  const { page } = rig;
  await timedLoad(page, `${rig.central.url}/admin/#/conflicts`, queueShows);
  const [shown, total] = [await shownTotal(page), await queueTotal(e)];
  if (shown !== total) throw new Error(`the queue shows a total of ${shown}, the API says ${total}`);
  await page.screenshot({ path: path.join(OUT, `bench-queue-${total}.png`) }); // the first screenful: the page holds 50 rows
  const docs = await queueDocs(page);
  const type = docs.filter((d) => d.startsWith('product:')).length <= docs.length / 2 ? 'product' : 'customer';
  await timedAction(page, NEXT_PAGE, nextShown, 10_000);
  await timedLoad(page, `${rig.central.url}/admin/#/conflicts`, queueShows);
  await timedAction(page, applyTypeFilter(type), filterShown(type), 10_000);
  if (!(await page.evaluate(() => location.hash)).includes(`type=${type}`)) throw new Error('the type filter did not reach the address');
  return type;
}

/** One warm-up (when `warmUp`) and `repeats` timed passes through the console; a pick settles one pending conflict per pass. */
export async function runConsole(rig: AdminRig, e: Endpoints, o: { warmUp: boolean; repeats: number; stores: number; filterType: string; spare: string[]; first: Detailed; progress: (l: string) => void }): Promise<Samples> {
  const { page } = rig;
  const url = (hash: string) => `${rig.central.url}/admin/#/${hash}`;
  const next = await cursorAt(e, 50);
  const s = Object.fromEntries(STEPS.map((k) => [k, { ours: [], baseline: [] }])) as unknown as Samples;
  for (let i = o.warmUp ? 0 : 1; i <= o.repeats; i++) {
    const take = async (k: keyof Samples, ours: Promise<number>, raw: () => Promise<unknown>) => {
      const ms = await ours;
      const b = await timed(raw);
      if (i === 0) return; // warm-up
      s[k].ours.push(ms);
      s[k].baseline.push(b);
    };
    await take('panel', timedLoad(page, url('panel'), panelShows(o.stores)), rawStores(e));
    await take('queue', timedLoad(page, url('conflicts'), queueShows), rawQueuePage(e, { status: 'pending', limit: '50' }));
    await take('next', timedAction(page, NEXT_PAGE, nextShown), rawQueuePage(e, { status: 'pending', limit: '50', cursor: next }));
    await timedLoad(page, url('conflicts'), queueShows);
    await take('filter', timedAction(page, applyTypeFilter(o.filterType), filterShown(o.filterType)), rawQueuePage(e, { status: 'pending', type: o.filterType, limit: '50' }));
    await timedLoad(page, url('conflicts'), queueShows);
    await take('detail', timedAction(page, OPEN_FIRST, detailShown), rawDetail(e, o.first));
    await take('pick', timedAction(page, PICK_FIRST, pickSettled), rawResolve(e, o.spare));
    await take('audit', timedLoad(page, url('audit'), auditShown), rawAudit(e));
    o.progress(i === 0 ? 'console warm-up pass done' : `console pass ${i}/${o.repeats} done`);
  }
  return s;
}

/** The console's figures as the suite's rows. */
export function consoleRows(s: Samples, stores: number, filterType: string): Row[] {
  return [
    row(`console load → panel with ${stores} tiles`, s.panel, 'GET /api/stores\'s CouchDB reads'),
    row('console load → queue\'s first page + total', s.queue, 'first page (51 rows, docs) ∥ _count'),
    row('queue: next page (click → new rows)', s.next, 'view page at record 50 ∥ _count'),
    row(`queue: filter type=${filterType} (form → its rows)`, s.filter, 'filtered view page ∥ _count'),
    row('queue → conflict detail (click → revisions)', s.detail, 'record + open_revs=all'),
    row('pick a revision → gone from the queue', s.pick, 'open_revs=all + _bulk_docs deleting the loser'),
    row('console load → audit page rows', s.audit, '_all_docs newest 100, docs'),
  ];
}
