// Views: stock-on-hand over a store-year of sales. The store design doc's views (pushed as
// setup pushes them, validate_doc_update left out: writes are not what is timed) are built from
// scratch over ~100,000 sales and returns (10,000 with --quick), then brought up to date after
// 1,000 new sales; the baseline is a trivial raw map view, `emit(doc._id, null)`, over the same
// documents in the same database on the same server. Each repetition pushes both design docs
// anew, with a comment naming the repetition in every function, so neither server can reuse an
// index (CouchDB keys an index by its functions' text; so does PouchDB's mapreduce).
// On CouchDB the query builds every view of the design doc (one view group), as a store's does;
// on the embedded server (PouchDB mapreduce) it builds the stock view alone.
import { buildDesignDocs } from '../../design-docs/index.js';
import { storeYear } from '../lib/store-year.js';
import { sharedTarget, type BenchServer } from '../lib/target.js';
import { timed } from '../lib/paired.js';
import type { BenchContext, Result, Scenario } from '../lib/scenario.js';

const NEW_SALES = 1_000;
const BATCH = 2_000;
const WARM_UP = 1_000;

interface Ddoc { _id: string; _rev?: string; language: 'javascript'; views: Record<string, { map: string; reduce?: string }> }

/** Every function tagged with a comment, so its text (and so its index) is new. */
function tagged(id: string, views: Ddoc['views'], tag: string): Ddoc {
  const mark = (fn: string) => fn.replace(/}\s*$/, `  // ${tag}\n}`);
  return { _id: id, language: 'javascript', views: Object.fromEntries(Object.entries(views).map(([k, v]) => [k, { ...v, map: mark(v.map) }])) };
}

async function request(server: BenchServer, path: string, init: RequestInit = {}): Promise<unknown> {
  const auth = `Basic ${Buffer.from(`${server.adminAuth.username}:${server.adminAuth.password}`).toString('base64')}`;
  const res = await fetch(`${server.url}/${path}`, { ...init, headers: { authorization: auth, 'content-type': 'application/json', ...init.headers }, signal: AbortSignal.timeout(600_000) });
  const body = await res.json() as unknown;
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} /${path.split('?')[0]}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

async function write(server: BenchServer, db: string, docs: readonly object[]): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH) {
    const res = await request(server, `${db}/_bulk_docs`, { method: 'POST', body: JSON.stringify({ docs: docs.slice(i, i + BATCH) }) }) as Array<{ error?: string; id: string }>;
    const bad = res.find((r) => r.error);
    if (bad) throw new Error(`writing bench documents: ${bad.id}: ${bad.error}`);
  }
}

async function scenarioRun(ctx: BenchContext): Promise<Result[]> {
  const count = ctx.quick ? 3_000 : 100_000;
  const server = await sharedTarget();
  const db = await server.createDatabase('views');
  // --quick: two repetitions at most (a build over 3,000 documents takes seconds on the embedded server).
  const repeats = ctx.quick ? Math.min(ctx.repeats, 2) : ctx.repeats;
  // One run of documents: the year, then NEW_SALES more per repetition.
  const all = storeYear({ store: 'v1', count: count + NEW_SALES * repeats });
  const storeViews = buildDesignDocs().store.views;
  const rawViews = { raw: { map: 'function (doc) {\n  emit(doc._id, null);\n}' } };
  const pair = (tag: string) => ({ ours: tagged(`_design/bench-store-${tag}`, storeViews, `bench ${tag}`), raw: tagged(`_design/bench-raw-${tag}`, rawViews, `bench ${tag}`) });
  const query = (ddocs: ReturnType<typeof pair>) => ({
    ours: () => request(server, `${db}/${ddocs.ours._id}/_view/stock?reduce=false&limit=1`),
    raw: () => request(server, `${db}/${ddocs.raw._id}/_view/raw?limit=1`),
  });

  // Warm-up, not counted: both kinds of view built once over the first WARM_UP documents
  // (the view engine started and compiled), before the year is written.
  await write(server, db, all.slice(0, WARM_UP));
  const warm = pair('warm-up');
  await write(server, db, [warm.ours, warm.raw]);
  await query(warm).ours();
  await query(warm).raw();
  await dropDesignDocs(server, db, [warm.ours._id, warm.raw._id]);
  ctx.progress(`warm-up done; writing ${count.toLocaleString('en-US')} sales and returns (${server.kind})`);
  await write(server, db, all.slice(WARM_UP, count));

  const samples = { build: { ours: [] as number[], raw: [] as number[] }, update: { ours: [] as number[], raw: [] as number[] } };
  let written = count;
  for (let rep = 1; rep <= repeats; rep++) {
    const ddocs = pair(String(rep));
    await write(server, db, [ddocs.ours, ddocs.raw]);
    const q = query(ddocs);
    // Alternate which side goes first, so neither always finds the other's reads cached.
    const order = rep % 2 === 1 ? (['ours', 'raw'] as const) : (['raw', 'ours'] as const);
    const build: Record<string, number> = {};
    for (const side of order) build[side] = await timed(q[side]);
    await write(server, db, all.slice(written, written + NEW_SALES));
    written += NEW_SALES;
    const update: Record<string, number> = {};
    for (const side of order) update[side] = await timed(q[side]);
    ctx.progress(`repeat ${rep}/${repeats}: build ${build.ours!.toFixed(0)} vs ${build.raw!.toFixed(0)} ms raw, update ${update.ours!.toFixed(0)} vs ${update.raw!.toFixed(0)} ms raw`);
    samples.build.ours.push(build.ours!);
    samples.build.raw.push(build.raw!);
    samples.update.ours.push(update.ours!);
    samples.update.raw.push(update.raw!);
    await dropDesignDocs(server, db, [ddocs.ours._id, ddocs.raw._id]);
  }
  const size = `${count.toLocaleString('en-US')} docs`; // + 1,000 per earlier repetition
  const baselineName = 'trivial raw map view emit(doc._id, null), same documents, same database, same server';
  const note = server.kind === 'couchdb' ? 'builds every view of the store design doc (one view group)' : 'PouchDB mapreduce builds the stock view alone';
  return [
    { scenario: `views: stock-on-hand built from scratch, ${size}`, unit: 'ms', better: 'lower', ours: samples.build.ours, baseline: samples.build.raw, baselineName, note },
    { scenario: `views: stock-on-hand updated after ${NEW_SALES.toLocaleString('en-US')} new sales`, unit: 'ms', better: 'lower', ours: samples.update.ours, baseline: samples.update.raw, baselineName, note },
  ];
}

/** Deletes a repetition's design docs and their indexes, so the next starts from nothing. */
async function dropDesignDocs(server: BenchServer, db: string, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const { _rev } = await request(server, `${db}/${id}`) as { _rev: string };
    await request(server, `${db}/${id}?rev=${_rev}`, { method: 'DELETE' });
  }
  await request(server, `${db}/_view_cleanup`, { method: 'POST', body: '{}' });
}

export const views: Scenario = { name: 'views', run: scenarioRun };
