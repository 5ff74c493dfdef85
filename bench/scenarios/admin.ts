// The admin console with many stores and a long conflict queue: a real central (embedded server,
// demo chain grown to `stores` stores, each with a till that reported) and `conflicts` real
// revision conflicts recorded by central's change feed under a `manual` policy. Timed, beside the
// CouchDB reads (or, for the pick, the write) underneath, sent straight to CouchDB in the same run:
//   in Chromium — console load → panel tiles; the queue's first page with its total; next page;
//   type filter; a conflict's detail; picking a revision until it leaves the queue; the audit page;
//   from Node — the API calls behind them, with the console's session cookie.
// Full: 50 stores, 10,000 conflicts (about 10 minutes, most of it central queueing the backlog);
// quick: 5 stores, 400 conflicts. Needs the built console (`npm run build:admin`).
// With COUCHDB_URL, central runs on that CouchDB and seeds the demo chain there, so the server must
// hold no store yet and is left as the run made it: the console shows the whole server, and the
// conflict records the run makes can never be deleted (the audit database's validate_doc_update).
import { logInToConsole, startAdminRig } from '../../test/helpers/admin-e2e.js';
import { apiClient, apiRows, queueParts, type Endpoints } from '../admin/api-reads.js';
import { checkQueue, consoleRows, runConsole } from '../admin/console-runs.js';
import { spareConflicts } from '../admin/raw-resolve.js';
import { pct } from '../admin/samples.js';
import { growStores, makeConflictBacklog, manualPolicy, waitForQueue, waitForQuiet } from '../admin/seed-chain.js';
import type { BenchContext, Result, Scenario } from '../lib/scenario.js';
import { benchCouchUrl, parseCouchUrl, requireEmptyCouch } from '../lib/target.js';

const QUEUE_WAIT_MS = 10 * 60_000;

async function run(ctx: BenchContext): Promise<Result[]> {
  const sizes = ctx.quick ? { stores: 5, conflicts: 400 } : { stores: 50, conflicts: 10_000 };
  const { progress, repeats } = ctx;
  const couchdbUrl = benchCouchUrl();
  if (couchdbUrl) await requireEmptyCouch(couchdbUrl, 'the admin bench leaves a chain and undeletable conflict records behind');
  progress(`admin: starting central (${couchdbUrl ? 'on COUCHDB_URL' : 'embedded server'}, demo chain) and Chromium`);
  const rig = await startAdminRig(couchdbUrl ? { COUCHDB_URL: couchdbUrl, DEMO: 'on' } : {});
  try {
    const { info } = rig.central.state.couch;
    const where = couchdbUrl ? `; central on CouchDB ${info.version} at ${parseCouchUrl(couchdbUrl).url} (a server of its own, left as the run made it)` : '';
    const nano = rig.central.state.couch.nano;
    await growStores(rig, sizes.stores, progress);
    await manualPolicy(rig);
    const mix = await makeConflictBacklog(rig, sizes.conflicts, progress);
    const queuedMs = await waitForQueue(rig, sizes.conflicts, QUEUE_WAIT_MS, progress);
    progress(`admin: ${sizes.conflicts} conflicts queued in ${(queuedMs / 1000).toFixed(0)} s`);
    await waitForQuiet(rig, ctx.quick ? 1_500 : 3_000, 120_000, progress);
    const spare = await spareConflicts(nano, repeats + 2);
    await logInToConsole(rig);
    progress('admin: central quiet, console logged in');
    const { username, password } = rig.central.state.couch.auth;
    const e: Endpoints = {
      central: rig.central.url,
      cookie: (await rig.context.cookies(`${rig.central.url}/api/conflicts`)).map((c) => `${c.name}=${c.value}`).join('; '),
      couch: rig.central.state.couch.url,
      couchAuth: 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64'),
    };
    const first = (await apiClient(e).api<{ conflicts: Array<{ _id: string; db: string; docId: string }> }>('/conflicts?status=pending&limit=50')).conflicts[0]!;
    const filterType = await checkQueue(rig, e);
    progress(`admin: console checked (total, next page, filter type=${filterType})`);
    const api = await apiRows(e, repeats, sizes, first, filterType, progress);
    const parts = await queueParts(e, repeats);
    const ui = consoleRows(await runConsole(rig, e, { warmUp: !ctx.quick, repeats, stores: sizes.stores, filterType, spare, first, progress }), sizes.stores, filterType);
    const setting = `${sizes.stores} stores, ${sizes.conflicts} pending conflicts (${mix.products} products, ${mix.customers} customers; queued by central's feed in ${(queuedMs / 1000).toFixed(0)} s)${where}`;
    const rawParts = `raw parts of the first page: the page p50 ${pct(parts.page, 50).toFixed(1)} ms, the _count over ${sizes.conflicts} p50 ${pct(parts.count, 50).toFixed(1)} ms`;
    const notes = new Map<Result, string>([[ui[0]!, setting], [api[1]!, rawParts]]);
    return [...ui, ...api].map((r) => ({ ...r, scenario: `admin: ${r.scenario}`, ...(notes.has(r) ? { note: notes.get(r)! } : {}) }));
  } finally {
    await rig.stop();
  }
}

export const admin: Scenario = { name: 'admin', run };
